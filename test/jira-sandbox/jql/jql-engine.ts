// Runs JQL against the search index: parse, validate, match (through indexes where it can), reconcile
// and sort. Sorted results are cached per query, account and clock reading until the index changes.
import type { IssueRecord } from '../model/records.js'
import type { SandboxStore } from '../store.js'
import type { SandboxAccount } from '../types.js'
import { compileClause } from './compile.js'
import { JqlError } from './jql-error.js'
import { visibleProjects, type JqlContext, type Matcher } from './matcher.js'
import { compileOrder, type Ordering } from './order.js'
import { parseJql } from './parser.js'

export const UNBOUNDED_MESSAGE =
  'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'
const CACHE_SIZE = 16

export interface JqlRequest {
  jql: string
  account: SandboxAccount | null
  /** Epoch ms that relative dates count from; pages of one search share it. */
  now: number
  /** Ids whose current state replaces what the lagging index holds (Jira's `reconcileIssues`). */
  reconcile?: number[]
}

export type JqlOutcome = { ok: true; records: IssueRecord[] } | { ok: false; errors: string[] }

interface Compiled {
  ctx: JqlContext
  matcher: Matcher
  ordering: Ordering
}

export class JqlEngine {
  private readonly cache = new Map<string, IssueRecord[]>()

  constructor(private readonly store: SandboxStore) {}

  search(request: JqlRequest): JqlOutcome {
    const compiled = this.compile(request)
    if ('errors' in compiled) return compiled
    const index = this.store.searchIndex()
    const reconcile = request.reconcile ?? []
    const cacheKey = [
      index.version,
      this.store.projectRegistry.version,
      request.account?.email ?? '',
      JSON.stringify(request.account?.visibleProjects ?? []),
      request.now,
      request.jql,
    ].join('|')
    if (reconcile.length === 0) {
      const cached = this.cache.get(cacheKey)
      if (cached) return { ok: true, records: cached }
    }
    let records = this.collect(compiled)
    if (reconcile.length > 0) records = this.reconcile(records, reconcile, compiled)
    records = compiled.ordering.sort(records)
    if (reconcile.length === 0) {
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!)
      this.cache.set(cacheKey, records)
    }
    return { ok: true, records }
  }

  /** Whether one issue, as given (a deleted one included), matches `jql`: how webhook filters are evaluated. */
  matches(
    request: Omit<JqlRequest, 'reconcile'>,
    record: IssueRecord,
  ): { ok: true; matches: boolean } | { ok: false; errors: string[] } {
    const compiled = this.compile(request)
    if ('errors' in compiled) return compiled
    const { ctx, matcher } = compiled
    return { ok: true, matches: ctx.visible.has(record.projectId) && matcher.test(record) }
  }

  count(request: JqlRequest): { ok: true; count: number } | { ok: false; errors: string[] } {
    const compiled = this.compile(request)
    if ('errors' in compiled) return compiled
    return { ok: true, count: this.collect(compiled).length }
  }

  private compile(request: JqlRequest): Compiled | { ok: false; errors: string[] } {
    let query
    try {
      query = parseJql(request.jql)
    } catch (error) {
      if (error instanceof JqlError) return { ok: false, errors: error.messages }
      throw error
    }
    if (!query.where) return { ok: false, errors: [UNBOUNDED_MESSAGE] }
    const ctx: JqlContext = {
      store: this.store,
      account: request.account,
      visible: visibleProjects(this.store, request.account),
      now: request.now,
      timeZone: request.account?.timeZone ?? 'UTC',
    }
    const errors: string[] = []
    const matcher = compileClause(query.where, ctx, errors)
    const ordering = compileOrder(query.orderBy, ctx, errors)
    return errors.length > 0 ? { ok: false, errors } : { ctx, matcher, ordering }
  }

  private collect({ ctx, matcher }: Compiled): IssueRecord[] {
    const index = this.store.searchIndex()
    const found: IssueRecord[] = []
    const consider = (record: IssueRecord | undefined) => {
      if (record && ctx.visible.has(record.projectId) && matcher.test(record)) found.push(record)
    }
    const candidates = matcher.candidates?.(index)
    if (candidates) {
      for (const id of candidates.ids) consider(index.get(id))
    } else if (ctx.visible.all) {
      for (const record of index.byId.values()) consider(record)
    } else {
      for (const projectId of ctx.visible.ids)
        for (const id of index.inProject(projectId)) consider(index.get(id))
    }
    return found
  }

  private reconcile(
    records: IssueRecord[],
    ids: number[],
    { ctx, matcher }: Compiled,
  ): IssueRecord[] {
    const wanted = new Set(ids)
    const kept = records.filter((r) => !wanted.has(r.id))
    for (const id of wanted) {
      const live = this.store.live.get(id)
      if (live && ctx.visible.has(live.projectId) && matcher.test(live)) kept.push(live)
    }
    return kept
  }
}
