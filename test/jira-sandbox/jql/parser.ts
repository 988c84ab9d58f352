// Recursive-descent parser for the JQL subset, with Jira's wording for syntax errors.
import type { Clause, FunctionCall, Operand, Operator, Query, SortKey, Term, Value } from './ast.js'
import { syntaxError } from './jql-error.js'
import { tokenize, type Token } from './lexer.js'

const OPERATOR_LIST =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'."

/** Words that can never be a bare field name or value (Jira reserves many more; these are the ones that matter). */
const RESERVED_WORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'empty',
  'null',
  'order',
  'by',
  'asc',
  'desc',
  'was',
  'changed',
])

export function parseJql(text: string): Query {
  return new Parser(tokenize(text)).query()
}

class Parser {
  private at = 0

  constructor(private readonly tokens: Token[]) {}

  query(): Query {
    let where: Clause | null = null
    if (!this.isEof() && !this.isWord('order')) where = this.or()
    let orderBy: SortKey[] = []
    if (this.isWord('order')) {
      this.next()
      if (!this.isWord('by')) throw this.expected("'by'")
      this.next()
      orderBy = this.sortKeys()
    }
    if (!this.isEof()) throw this.expected("either 'OR' or 'AND'")
    return { where, orderBy }
  }

  private or(): Clause {
    const items = [this.and()]
    while (this.isWord('or')) {
      this.next()
      items.push(this.and())
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items }
  }

  private and(): Clause {
    const items = [this.not()]
    while (this.isWord('and')) {
      this.next()
      items.push(this.not())
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items }
  }

  private not(): Clause {
    if (this.isWord('not')) {
      this.next()
      return { kind: 'not', item: this.not() }
    }
    if (this.peek().type === 'lparen') {
      this.next()
      const inner = this.or()
      if (this.peek().type !== 'rparen') throw this.expected("')'")
      this.next()
      return inner
    }
    return this.term()
  }

  private term(): Term {
    const field = this.peek()
    if (field.type === 'eof')
      throw syntaxError('Expecting a field name before the end of the query.')
    if ((field.type !== 'word' && field.type !== 'string') || this.isReserved(field))
      throw this.expected('a field name')
    this.next()
    const operator = this.operator()
    return { kind: 'term', field: field.text, pos: field.pos, operator, operand: this.operand() }
  }

  private operator(): Operator {
    const token = this.peek()
    if (token.type === 'eof')
      throw syntaxError(`Expecting operator before the end of the query. ${OPERATOR_LIST}`)
    if (token.type === 'op') {
      this.next()
      return token.text as Operator
    }
    const word = token.type === 'word' ? token.text.toLowerCase() : ''
    if (word === 'in') {
      this.next()
      return 'in'
    }
    if (word === 'not' || word === 'is') {
      this.next()
      if (word === 'is' && !this.isWord('not')) return 'is'
      if (word === 'not' && !this.isWord('in'))
        throw syntaxError(`Expecting operator but got 'NOT'. ${OPERATOR_LIST}`, token.pos)
      this.next()
      return word === 'is' ? 'is not' : 'not in'
    }
    throw syntaxError(`Expecting operator but got '${token.text}'. ${OPERATOR_LIST}`, token.pos)
  }

  private operand(): Operand {
    const token = this.peek()
    if (token.type === 'lparen') {
      this.next()
      const items: (Value | FunctionCall)[] = [this.listItem()]
      while (this.peek().type === 'comma') {
        this.next()
        items.push(this.listItem())
      }
      if (this.peek().type !== 'rparen') throw this.expected("')'")
      this.next()
      return { kind: 'list', items, pos: token.pos }
    }
    if (this.isWord('empty') || this.isWord('null')) {
      this.next()
      return { kind: 'empty', pos: token.pos }
    }
    const item = this.listItem()
    return 'kind' in item ? item : { kind: 'value', value: item }
  }

  private listItem(): Value | FunctionCall {
    const token = this.peek()
    if (token.type === 'eof')
      throw syntaxError('Expecting either a value, list or function before the end of the query.')
    if (token.type === 'string') {
      this.next()
      return { text: token.text, quoted: true, pos: token.pos }
    }
    if (token.type !== 'word')
      throw syntaxError(
        `Expecting either a value, list or function but got '${token.text}'.`,
        token.pos,
      )
    if (this.isReserved(token)) {
      throw syntaxError(
        `'${token.text}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`,
        token.pos,
      )
    }
    this.next()
    if (this.peek().type !== 'lparen') return { text: token.text, quoted: false, pos: token.pos }
    this.next()
    const args: Value[] = []
    while (this.peek().type !== 'rparen') {
      const arg = this.peek()
      if (arg.type !== 'word' && arg.type !== 'string') throw this.expected("')'")
      args.push({ text: arg.text, quoted: arg.type === 'string', pos: arg.pos })
      this.next()
      if (this.peek().type === 'comma') this.next()
    }
    this.next()
    return { kind: 'function', name: token.text, args, pos: token.pos }
  }

  private sortKeys(): SortKey[] {
    const keys: SortKey[] = []
    do {
      if (keys.length > 0) this.next()
      const field = this.peek()
      if (field.type === 'eof')
        throw syntaxError('Expecting a field name before the end of the query.')
      if ((field.type !== 'word' && field.type !== 'string') || this.isReserved(field))
        throw this.expected('a field name')
      this.next()
      let direction: SortKey['direction'] = null
      if (this.isWord('asc') || this.isWord('desc')) {
        direction = this.peek().text.toLowerCase() as 'asc' | 'desc'
        this.next()
      }
      keys.push({ field: field.text, direction, pos: field.pos })
    } while (this.peek().type === 'comma')
    return keys
  }

  private expected(what: string) {
    const token = this.peek()
    if (token.type === 'eof') return syntaxError(`Expecting ${what} before the end of the query.`)
    return syntaxError(`Expecting ${what} but got '${token.text}'.`, token.pos)
  }

  private isReserved(token: Token): boolean {
    return token.type === 'word' && RESERVED_WORDS.has(token.text.toLowerCase())
  }

  private isWord(word: string): boolean {
    const token = this.peek()
    return token.type === 'word' && token.text.toLowerCase() === word
  }

  private isEof(): boolean {
    return this.peek().type === 'eof'
  }

  private peek(): Token {
    return this.tokens[this.at]!
  }

  private next(): Token {
    return this.tokens[this.at++]!
  }
}
