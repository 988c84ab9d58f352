// ORDER BY: sorts matching issues; without ORDER BY the newest issue comes first.
import type { IssueRecord } from '../model/records.js'
import type { SortKey } from './ast.js'
import { UNSUPPORTED_FIELDS, unknownFieldMessage } from './compile.js'
import type { JqlContext } from './matcher.js'

type SortValue = number | string
type KeyOf = (record: IssueRecord, ctx: JqlContext) => SortValue[]

const SORTABLE: Record<string, { key: KeyOf; descending: boolean }> = {
  key: {
    key: (r, ctx) => [ctx.store.projectRegistry.get(r.projectId)?.key ?? '', r.number],
    descending: false,
  },
  id: { key: (r) => [r.id], descending: false },
  // Rank is a lexorank field in Jira; the sandbox ranks issues in creation order.
  rank: { key: (r) => [r.id], descending: false },
  // Jira's date fields sort newest first unless ASC is given.
  created: { key: (r) => [r.created], descending: true },
  updated: { key: (r) => [r.updated], descending: true },
  summary: { key: (r) => [r.summary.toLowerCase()], descending: false },
  project: {
    key: (r, ctx) => [ctx.store.projectRegistry.get(r.projectId)?.name.toLowerCase() ?? ''],
    descending: false,
  },
  status: {
    key: (r, ctx) => [ctx.store.projectRegistry.statuses.get(r.statusId)?.name.toLowerCase() ?? ''],
    descending: false,
  },
  issuetype: {
    key: (r, ctx) => [ctx.store.projectRegistry.types.get(r.typeId)?.name.toLowerCase() ?? ''],
    descending: false,
  },
}

const ALIASES: Record<string, string> = {
  issuekey: 'key',
  issue: 'key',
  type: 'issuetype',
  createddate: 'created',
  updateddate: 'updated',
}
const KNOWN_UNSORTABLE = new Set(['parent', 'statuscategory', 'text', 'assignee'])

export interface Ordering {
  sort(records: IssueRecord[]): IssueRecord[]
}

export function compileOrder(keys: SortKey[], ctx: JqlContext, errors: string[]): Ordering {
  const parts: { key: KeyOf; sign: number }[] = []
  for (const sortKey of keys) {
    const lower = sortKey.field.toLowerCase()
    const spec = SORTABLE[ALIASES[lower] ?? lower]
    if (!spec) {
      errors.push(
        KNOWN_UNSORTABLE.has(lower) || UNSUPPORTED_FIELDS.has(lower)
          ? `Not able to sort using field '${sortKey.field}'.`
          : unknownFieldMessage(sortKey.field, ctx.account === null),
      )
      continue
    }
    const descending = sortKey.direction === null ? spec.descending : sortKey.direction === 'desc'
    parts.push({ key: spec.key, sign: descending ? -1 : 1 })
  }
  return {
    sort(records) {
      if (parts.length === 0) return records.sort((a, b) => b.id - a.id)
      // Precompute one column per sort component: comparing plain values keeps 200,000-issue sorts fast.
      const columns: { values: SortValue[]; sign: number }[] = []
      for (const part of parts) {
        const first = records.map((r) => part.key(r, ctx))
        const width = first[0]?.length ?? 0
        for (let j = 0; j < width; j++)
          columns.push({ values: first.map((k) => k[j]!), sign: part.sign })
      }
      const order = Array.from(records.keys())
      order.sort((a, b) => {
        for (const { values, sign } of columns) {
          const x = values[a]!
          const y = values[b]!
          if (x < y) return -sign
          if (x > y) return sign
        }
        return records[b]!.id - records[a]!.id
      })
      return order.map((i) => records[i]!)
    },
  }
}
