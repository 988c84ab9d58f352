// Splits a JQL string into tokens, refusing reserved characters the way Jira does.
import { syntaxError } from './jql-error.js'

export type TokenType = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof'

export interface Token {
  type: TokenType
  text: string
  pos: number
}

const RESERVED_CHARS = new Set([
  '+',
  '.',
  ';',
  '?',
  '|',
  '*',
  '/',
  '%',
  '^',
  '$',
  '#',
  '@',
  '[',
  ']',
  '{',
  '}',
  '&',
  '\\',
])
const STOP = new Set([' ', '\t', '\n', '\r', '(', ')', ',', '=', '!', '<', '>', '~', '"', "'"])

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    const start = i
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({
        type: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma',
        text: c,
        pos: i++,
      })
      continue
    }
    const two = text.slice(i, i + 2)
    if (two === '!=' || two === '>=' || two === '<=' || two === '!~') {
      tokens.push({ type: 'op', text: two, pos: i })
      i += 2
      continue
    }
    if (two === '&&' || two === '||') {
      tokens.push({ type: 'word', text: two === '&&' ? 'AND' : 'OR', pos: i })
      i += 2
      continue
    }
    if (c === '=' || c === '<' || c === '>' || c === '~') {
      tokens.push({ type: 'op', text: c, pos: i++ })
      continue
    }
    if (c === '!') {
      tokens.push({ type: 'word', text: 'NOT', pos: i++ })
      continue
    }
    if (c === '"' || c === "'") {
      const [value, end] = readString(text, i)
      tokens.push({ type: 'string', text: value, pos: start })
      i = end
      continue
    }
    let word = ''
    while (i < text.length && !STOP.has(text[i]!) && !/\s/.test(text[i]!)) {
      const ch = text[i]!
      // A decimal point inside a number, and cf[12345] custom-field references, are not reserved.
      if (ch === '.' && /^\d+$/.test(word) && /\d/.test(text[i + 1] ?? '')) {
        word += ch
        i++
        continue
      }
      if (ch === '[' && word.toLowerCase() === 'cf') {
        const close = text.indexOf(']', i)
        if (close > i) {
          word += text.slice(i, close + 1)
          i = close + 1
          continue
        }
      }
      if (RESERVED_CHARS.has(ch)) {
        const escape = `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
        throw syntaxError(
          `The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '${escape}' instead.`,
          i,
        )
      }
      word += ch
      i++
    }
    tokens.push({ type: 'word', text: word, pos: start })
  }
  tokens.push({ type: 'eof', text: '', pos: text.length })
  return tokens
}

function readString(text: string, open: number): [string, number] {
  const quote = text[open]!
  let value = ''
  let i = open + 1
  while (i < text.length) {
    const c = text[i]!
    if (c === quote) return [value, i + 1]
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
        i += 6
        continue
      }
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next
      i += 2
      continue
    }
    value += c
    i++
  }
  throw syntaxError(`The quoted string '${value}' has not been completed.`, open)
}
