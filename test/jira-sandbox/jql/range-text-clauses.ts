// Clauses that compare or search: created/updated against dates, key ranges, and `~` text search.
import type { IssueRecord } from '../model/records.js'
import type { Term } from './ast.js'
import { JqlError } from './jql-error.js'
import { parseJqlDate } from './jql-dates.js'
import type { JqlContext, Matcher } from './matcher.js'

type Compare = (a: number, b: number) => boolean

const COMPARE: Record<string, Compare> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
}

export function compileDate(
  which: 'created' | 'updated',
  term: Term,
  ctx: JqlContext,
  errors: string[],
): Matcher {
  const { operator, operand } = term
  if (
    operand.kind === 'empty' &&
    (operator === 'is' || operator === 'is not' || operator === '=' || operator === '!=')
  ) {
    // Every issue has both dates: EMPTY never matches.
    const negate = operator === 'is not' || operator === '!='
    return { test: () => negate }
  }
  const compare = COMPARE[operator]
  if (!compare)
    return fail(errors, `The operator '${operator}' is not supported by the '${term.field}' field.`)
  if (operand.kind !== 'value')
    return fail(
      errors,
      `The operator '${operator}' does not support the value given for field '${term.field}'.`,
    )
  try {
    const at = parseJqlDate(operand.value.text, term.field, ctx.now, ctx.timeZone)
    return { test: (r) => compare(r[which], at) }
  } catch (error) {
    if (!(error instanceof JqlError)) throw error
    return fail(errors, error.messages[0]!)
  }
}

/** `key > PA-10`: issues of the same project with a higher number, as Jira compares keys. */
export function compileKeyRange(term: Term, ctx: JqlContext, errors: string[]): Matcher {
  const compare = COMPARE[term.operator]!
  const { operand } = term
  if (operand.kind !== 'value')
    return fail(
      errors,
      `The operator '${term.operator}' does not support the value given for field '${term.field}'.`,
    )
  const target = ctx.store.resolveIssue(operand.value.text)
  if (!target || !ctx.visible.has(target.projectId)) {
    return fail(
      errors,
      `An issue with key '${operand.value.text}' does not exist for field '${term.field}'.`,
    )
  }
  return {
    test: (r) => r.projectId === target.projectId && compare(r.number, target.number),
    candidates: (index) => {
      const ids = index.inProject(target.projectId)
      return { ids, size: ids.size }
    },
  }
}

const words = new WeakMap<IssueRecord, string[]>()

function summaryWords(record: IssueRecord): string[] {
  let list = words.get(record)
  if (!list) {
    list = record.summary
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
    words.set(record, list)
  }
  return list
}

/** Case-insensitive word match; `foo*` matches words starting with foo; every word must match. */
export function compileText(term: Term, errors: string[]): Matcher {
  const { operator, operand } = term
  const isText = term.field.toLowerCase() === 'text'
  if (!isText && (operator === 'is' || operator === 'is not') && operand.kind === 'empty') {
    return { test: () => operator === 'is not' }
  }
  if (operator !== '~' && (isText || operator !== '!~')) {
    return fail(errors, `The operator '${operator}' is not supported by the '${term.field}' field.`)
  }
  if (operand.kind !== 'value')
    return fail(
      errors,
      `The operator '${operator}' does not support the value given for field '${term.field}'.`,
    )
  const query = operand.value.text.trim()
  if (query === '')
    return fail(errors, `The field '${term.field}' does not support searching for an empty string.`)
  if (/^[*?]/.test(query)) {
    return fail(
      errors,
      `The text query '${query}' for field '${term.field}' is not allowed to start with a wildcard character.`,
    )
  }
  const patterns = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}*?]+/u)
    .filter((t) => t.replace(/[*?]/g, '') !== '')
    .map((t) => new RegExp(`^${t.replace(/\*/g, '[\\p{L}\\p{N}]*').replace(/\?/g, '.')}$`, 'u'))
  const matches = (r: IssueRecord) => {
    const list = summaryWords(r)
    return patterns.length > 0 && patterns.every((p) => list.some((w) => p.test(w)))
  }
  return { test: operator === '~' ? matches : (r) => !matches(r) }
}

function fail(errors: string[], message: string): Matcher {
  errors.push(message)
  return { test: () => false }
}
