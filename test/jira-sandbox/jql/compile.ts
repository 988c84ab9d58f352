// Turns a parsed query into one matcher, collecting every validation error as Jira reports them all.
import type { Clause, Term } from './ast.js'
import type { Candidates, JqlContext, Matcher } from './matcher.js'
import { MEMBERSHIP_FIELDS, compileMembership } from './membership-clauses.js'
import { compileDate, compileKeyRange, compileText } from './range-text-clauses.js'

/** JQL names (lower case) and the clause they mean; `id`, `issue` and `issuekey` are all the key clause. */
const FIELD_NAMES: Record<string, string> = {
  project: 'project',
  issuetype: 'issuetype',
  type: 'issuetype',
  parent: 'parent',
  key: 'key',
  issuekey: 'key',
  id: 'key',
  issue: 'key',
  status: 'status',
  statuscategory: 'statuscategory',
  assignee: 'assignee',
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  summary: 'text',
  text: 'text',
}

/** Real Jira fields this sandbox does not search on: a clear 400 instead of a made-up answer. */
export const UNSUPPORTED_FIELDS = new Set([
  'labels',
  'priority',
  'reporter',
  'creator',
  'resolution',
  'resolutiondate',
  'resolved',
  'description',
  'sprint',
  'rank',
  'story points',
  'story point estimate',
  'cf[10015]',
  'cf[10016]',
  'cf[10019]',
  'cf[10020]',
  'cf[10028]',
  'comment',
  'duedate',
  'due',
  'fixversion',
  'component',
  'statuscategorychangeddate',
  'watcher',
  'epic link',
  'parent link',
  'environment',
  'attachments',
  'filter',
  'level',
  'worklogdate',
  'watchers',
])

export function compileClause(clause: Clause, ctx: JqlContext, errors: string[]): Matcher {
  switch (clause.kind) {
    case 'and':
      return and(clause.items.map((c) => compileClause(c, ctx, errors)))
    case 'or':
      return or(clause.items.map((c) => compileClause(c, ctx, errors)))
    case 'not': {
      const inner = compileClause(clause.item, ctx, errors)
      return { test: (r) => !inner.test(r) }
    }
    case 'term':
      return compileTerm(clause, ctx, errors)
  }
}

export function unknownFieldMessage(field: string, anonymous: boolean): string {
  return anonymous
    ? `Field '${field}' does not exist or this field cannot be viewed by anonymous users.`
    : `Field '${field}' does not exist or you do not have permission to view it.`
}

function compileTerm(term: Term, ctx: JqlContext, errors: string[]): Matcher {
  const lower = term.field.toLowerCase()
  const name = FIELD_NAMES[lower]
  if (!name) {
    errors.push(
      UNSUPPORTED_FIELDS.has(lower)
        ? `The Jira sandbox does not support searching on field '${term.field}'.`
        : unknownFieldMessage(term.field, ctx.account === null),
    )
    return { test: () => false }
  }
  if (name === 'created' || name === 'updated') return compileDate(name, term, ctx, errors)
  if (name === 'text') return compileText(term, errors)
  if (name === 'key' && ['>', '>=', '<', '<='].includes(term.operator))
    return compileKeyRange(term, ctx, errors)
  const field = MEMBERSHIP_FIELDS[name]!
  if (!field.operators.includes(term.operator)) {
    errors.push(`The operator '${term.operator}' is not supported by the '${term.field}' field.`)
    return { test: () => false }
  }
  return compileMembership(field, term, ctx, errors)
}

/** AND scans the smallest candidate set among its parts and tests the rest. */
function and(parts: Matcher[]): Matcher {
  const indexed = parts.filter((p) => p.candidates)
  const matcher: Matcher = { test: (r) => parts.every((p) => p.test(r)) }
  if (indexed.length > 0) {
    matcher.candidates = (index) => {
      let best: Candidates | undefined
      for (const part of indexed) {
        const c = part.candidates!(index)
        if (!best || c.size < best.size) best = c
      }
      return best!
    }
  }
  return matcher
}

/** OR can use indexes only when every part can. */
function or(parts: Matcher[]): Matcher {
  const matcher: Matcher = { test: (r) => parts.some((p) => p.test(r)) }
  if (parts.every((p) => p.candidates)) {
    matcher.candidates = (index) => {
      const all = new Set<number>()
      for (const part of parts) for (const id of part.candidates!(index).ids) all.add(id)
      return { ids: all, size: all.size }
    }
  }
  return matcher
}
