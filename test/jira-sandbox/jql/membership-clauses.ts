// Clauses that compare one value of an issue with a set: project, issuetype, parent, key/id, status,
// statusCategory and assignee. Values are resolved (and refused) the way Jira does before searching.
import { STATUS_CATEGORIES } from '../model/catalog.js'
import type { IssueIndex } from '../model/issue-index.js'
import type { IssueRecord } from '../model/records.js'
import { isFunctionCall, type FunctionCall, type Term, type Value } from './ast.js'
import type { Candidates, JqlContext, Matcher } from './matcher.js'

type Item = Value | FunctionCall
type Extract = (record: IssueRecord, ctx: JqlContext) => string | number | null

interface MembershipField {
  operators: readonly string[]
  extract: Extract
  /** Resolves one written value to the ids it stands for; a string is Jira's error message. */
  resolve(item: Item, ctx: JqlContext, term: Term): (string | number)[] | string
  /** Index lookup for a positive match on these ids. */
  lookup?(ids: (string | number)[], index: IssueIndex): Candidates
}

const EQUALITY = ['=', '!=', 'in', 'not in', 'is', 'is not']

export const MEMBERSHIP_FIELDS: Record<string, MembershipField> = {
  project: {
    operators: EQUALITY,
    extract: (r) => r.projectId,
    resolve(item, ctx, term) {
      if (isFunctionCall(item)) return functionError(item, term)
      const registry = ctx.store.projectRegistry
      let project = registry.resolve(item.text, true)
      if (!project) {
        const wanted = item.text.toLowerCase()
        project = [...registry.all()].find((p) => p.name.toLowerCase() === wanted)
      }
      if (!project || !ctx.visible.has(project.id)) return valueError(item, term)
      return [project.id]
    },
    lookup: (ids, index) => union(ids.map((id) => index.inProject(id as number))),
  },
  issuetype: {
    operators: EQUALITY,
    extract: (r) => r.typeId,
    resolve(item, ctx, term) {
      // standardIssueTypes() is every type but sub-tasks (epics included), subTaskIssueTypes() the rest.
      const fn = isFunctionCall(item) ? item.name.toLowerCase() : undefined
      if (fn !== undefined && fn !== 'standardissuetypes' && fn !== 'subtaskissuetypes')
        return functionError(item as FunctionCall, term)
      const wanted = isFunctionCall(item) ? '' : item.text.toLowerCase()
      const ids: string[] = []
      for (const type of ctx.store.projectRegistry.types.values()) {
        if (type.scopeProjectId !== null && !ctx.visible.has(type.scopeProjectId)) continue
        const matches =
          fn === undefined
            ? type.id === (item as Value).text || type.name.toLowerCase() === wanted
            : (type.hierarchyLevel === -1) === (fn === 'subtaskissuetypes')
        if (matches) ids.push(type.id)
      }
      if (fn !== undefined) return ids
      return ids.length > 0 ? ids : valueError(item as Value, term)
    },
  },
  parent: {
    operators: EQUALITY,
    extract: (r) => r.parentId,
    resolve: (item, ctx, term) => resolveIssue(item, ctx, term),
    lookup: (ids, index) => union(ids.map((id) => index.childrenOf(id as number))),
  },
  key: {
    operators: ['=', '!=', 'in', 'not in'],
    extract: (r) => r.id,
    resolve: (item, ctx, term) => resolveIssue(item, ctx, term),
    lookup: (ids) => ({ ids: ids as number[], size: ids.length }),
  },
  status: {
    operators: EQUALITY,
    extract: (r) => r.statusId,
    resolve(item, ctx, term) {
      if (isFunctionCall(item)) return functionError(item, term)
      const wanted = item.text.toLowerCase()
      const ids: string[] = []
      for (const status of ctx.store.projectRegistry.statuses.values()) {
        if (status.scopeProjectId !== null && !ctx.visible.has(status.scopeProjectId)) continue
        if (status.id === item.text || status.name.toLowerCase() === wanted) ids.push(status.id)
      }
      return ids.length > 0 ? ids : valueError(item, term)
    },
  },
  statuscategory: {
    operators: ['=', '!=', 'in', 'not in'],
    extract: (r, ctx) => ctx.store.projectRegistry.statuses.get(r.statusId)?.category ?? null,
    resolve(item, _ctx, term) {
      if (isFunctionCall(item)) return functionError(item, term)
      const wanted = item.text.toLowerCase()
      const category = Object.values(STATUS_CATEGORIES).find(
        (c) => c.key === wanted || c.name.toLowerCase() === wanted || String(c.id) === wanted,
      )
      return category ? [category.key] : valueError(item, term)
    },
  },
  assignee: {
    operators: EQUALITY,
    extract: (r) => r.assigneeId,
    resolve(item, ctx, term) {
      if (isFunctionCall(item)) {
        if (item.name.toLowerCase() !== 'currentuser') return functionError(item, term)
        return ctx.account ? [ctx.account.accountId] : []
      }
      const accounts = ctx.store.accountRegistry
      const account = accounts.byAccountId(item.text) ?? accounts.get(item.text)
      return account ? [account.accountId] : valueError(item, term)
    },
  },
}

export function compileMembership(
  field: MembershipField,
  term: Term,
  ctx: JqlContext,
  errors: string[],
): Matcher {
  const { operator, operand } = term
  const negate = operator === '!=' || operator === 'not in' || operator === 'is not'
  if (operand.kind === 'empty') {
    if (operator === 'in' || operator === 'not in')
      return fail(
        errors,
        `Operator '${operator}' does not support the non-list value 'EMPTY' for field '${term.field}'.`,
      )
    return { test: (r) => (field.extract(r, ctx) === null) !== negate }
  }
  if (operator === 'is' || operator === 'is not') {
    return fail(
      errors,
      `The operator '${operator}' only supports the values 'EMPTY' and 'NULL' for field '${term.field}'.`,
    )
  }
  const isList = operand.kind === 'list'
  // A function can stand for one value (currentUser()) or a list (standardIssueTypes()).
  if (operand.kind !== 'function' && isList !== (operator === 'in' || operator === 'not in')) {
    const written = operand.kind === 'value' ? operand.value.text : 'list'
    return fail(
      errors,
      isList
        ? `The operator '${operator}' does not support the list value for field '${term.field}'.`
        : `Operator '${operator}' does not support the non-list value '${written}' for field '${term.field}'.`,
    )
  }
  const items: Item[] =
    operand.kind === 'list' ? operand.items : operand.kind === 'value' ? [operand.value] : [operand]
  const ids: (string | number)[] = []
  for (const item of items) {
    const resolved = field.resolve(item, ctx, term)
    if (typeof resolved === 'string') errors.push(resolved)
    else ids.push(...resolved)
  }
  const set = new Set(ids)
  const matcher: Matcher = {
    test(record) {
      const value = field.extract(record, ctx)
      if (value === null) return false
      return set.has(value) !== negate
    },
  }
  const lookup = field.lookup
  if (!negate && lookup) matcher.candidates = (index) => lookup([...set], index)
  return matcher
}

/** Issues for key/id/issue/parent values: by id or key, including keys from before a move. */
function resolveIssue(item: Item, ctx: JqlContext, term: Term): number[] | string {
  if (isFunctionCall(item)) return functionError(item, term)
  const record = ctx.store.resolveIssue(item.text)
  if (!record || !ctx.visible.has(record.projectId)) {
    return `An issue with key '${item.text}' does not exist for field '${term.field}'.`
  }
  return [record.id]
}

function valueError(item: Value, term: Term): string {
  return `The value '${item.text}' does not exist for the field '${term.field}'.`
}

function functionError(item: FunctionCall, term: Term): string {
  if (item.name.toLowerCase() === 'currentuser')
    return `A value provided by the function 'currentUser' is invalid for the field '${term.field}'.`
  return `Unable to find JQL function '${item.name}()'.`
}

function fail(errors: string[], message: string): Matcher {
  errors.push(message)
  return { test: () => false }
}

function union(sets: ReadonlySet<number>[]): Candidates {
  if (sets.length === 1) return { ids: sets[0]!, size: sets[0]!.size }
  const all = new Set<number>()
  for (const set of sets) for (const id of set) all.add(id)
  return { ids: all, size: all.size }
}
