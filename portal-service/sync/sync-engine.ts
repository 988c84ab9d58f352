/**
 * @module
 * Keeps every connected portfolio's figures fresh (DESIGN.md, Sync): on a schedule, on
 * demand, and right after an epic is linked. Each sync holds a lease so that one instance
 * syncs a portfolio at a time, records its run (what it cost, how it ended), sets the
 * connection's health, and on failure marks the figures it could not refresh as stale.
 */
import type { Kysely } from 'kysely'
import type { JiraRequestEvent } from '../../shared/jira/client.js'
import { isJiraError } from '../../shared/jira/errors.js'
import type { SiteFacts } from '../../shared/jira/site-facts.js'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { newId } from '../db/ids.js'
import { compactHistory } from '../history/history-compaction.js'
import * as snapshotRepository from '../epics/epic-snapshot.repository.js'
import * as linkedEpicRepository from '../epics/linked-epic.repository.js'
import { HEALTH_MESSAGES, healthFor } from '../jira/health.js'
import * as connectionRepository from '../jira/jira-connection.repository.js'
import type { JiraConnection } from '../jira/jira-connection.table.js'
import type { JiraSource } from '../jira/jira-source.js'
import type { Logger } from '../log/logger.js'
import {
  knownReadableProjects,
  readChanges,
  readEpicsInFull,
  refreshProjects,
  type SyncContext,
} from './portfolio-sync.js'
import { acquireLease, releaseLease, renewLease } from './sync-lease.js'
import * as runRepository from './sync-run.repository.js'
import type { SyncKind, SyncOutcome, SyncTrigger } from './sync-run.table.js'
import { decideSyncMode, DEFAULT_SYNC_MODE_POLICY, type SyncModePolicy } from './sync-mode.js'

export interface SourceRequest {
  facts?: SiteFacts
  onRequest: (event: JiraRequestEvent) => void
  signal: AbortSignal
}

export interface SyncEngineOptions {
  db: Kysely<Database>
  clock: Clock
  log: Logger
  /** Names this portal process in leases and run records. */
  instanceId: string
  sourceFor: (connection: JiraConnection, request: SourceRequest) => JiraSource
  /** The schedule: a portfolio is synced when its last attempt is this old. */
  intervalMs: number
  modePolicy?: SyncModePolicy
  leaseMs?: number
  epicsPerQuery?: number
  parallelQueries?: number
  /** How often the tick also compacts history (history-compaction.ts). */
  maintenanceEveryMs?: number
}

export type SyncResult =
  | { status: 'skipped'; reason: 'not_connected' | 'locked' | 'not_due' | 'nothing_to_read' }
  | {
      status: 'done'
      runId: string
      kind: SyncKind
      outcome: Exclude<SyncOutcome, 'running'>
      calls: number
      error?: { kind: string; message: string }
    }

export interface SyncRequest {
  trigger: SyncTrigger
  /** `full` forces a full read; `auto` lets the history decide. */
  mode?: 'auto' | 'full'
}

export class SyncEngine {
  readonly #options: Required<Omit<SyncEngineOptions, 'modePolicy'>> & { modePolicy: SyncModePolicy }
  readonly #inFlight = new Map<string, Promise<SyncResult>>()
  readonly #background = new Set<Promise<unknown>>()
  #timer: ReturnType<typeof setInterval> | undefined
  #ticking = false
  #maintainedAt = Number.NEGATIVE_INFINITY

  constructor(options: SyncEngineOptions) {
    this.#options = {
      modePolicy: DEFAULT_SYNC_MODE_POLICY,
      leaseMs: 60_000,
      epicsPerQuery: 200,
      // Pages of one query come one after another, so side-by-side queries are the only
      // parallelism: one per request the Jira client lets fly (6, DESIGN.md's 5–10).
      parallelQueries: 6,
      maintenanceEveryMs: 60 * 60 * 1000,
      ...options,
    }
  }

  get instanceId(): string {
    return this.#options.instanceId
  }

  /** Syncs one portfolio now (coalesced with a sync of it already running in this process). */
  syncPortfolio(portfolioId: string, request: SyncRequest): Promise<SyncResult> {
    const running = this.#inFlight.get(portfolioId)
    if (running) return running
    const promise = this.#syncLeased(portfolioId, request).finally(() => this.#inFlight.delete(portfolioId))
    this.#inFlight.set(portfolioId, promise)
    return promise
  }

  /** Starts a sync without waiting for it; failures end up in the run record and the log. */
  requestSync(portfolioId: string, request: SyncRequest): void {
    this.#track(this.syncPortfolio(portfolioId, request))
  }

  /**
   * Reads the figures of epics just linked. No lease: it touches only these epics, and a
   * person is waiting for their figures.
   */
  async syncEpics(portfolioId: string, epicIds: readonly string[], trigger: SyncTrigger = 'link'): Promise<SyncResult> {
    const connection = await connectionRepository.findConnection(this.#options.db, portfolioId)
    if (!connection) return { status: 'skipped', reason: 'not_connected' }
    const withoutFigures = new Set(await snapshotRepository.epicsWithoutFigures(this.#options.db, portfolioId))
    const ids = epicIds.filter((id) => withoutFigures.has(id))
    if (ids.length === 0) return { status: 'skipped', reason: 'nothing_to_read' }
    return this.#run(connection, 'epics', trigger, undefined, async (ctx, known) => {
      const facts = known ?? (await this.#refreshFacts(ctx))
      const { error } = await readEpicsInFull(ctx, ids, await knownReadableProjects(ctx), facts)
      if (error) throw error
    })
  }

  /**
   * Re-reads `epicIds` in full, figures or not: events said they may have changed (DESIGN.md,
   * "Freshness: events are hints"; change-queue.ts batches them). It holds the portfolio's lease
   * under an owner of its own, so it never runs beside a sync of the same portfolio (two full
   * reads of one epic would sweep each other's children): while one runs it answers `locked`.
   */
  async refreshEpics(portfolioId: string, epicIds: readonly string[], trigger: SyncTrigger = 'event'): Promise<SyncResult> {
    const { db, clock, instanceId, leaseMs } = this.#options
    if (epicIds.length === 0) return { status: 'skipped', reason: 'nothing_to_read' }
    const connection = await connectionRepository.findConnection(db, portfolioId)
    if (!connection) return { status: 'skipped', reason: 'not_connected' }
    const owner = `${instanceId}:refresh`
    const now = clock.now()
    if (!(await acquireLease(db, portfolioId, owner, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString()))) {
      return { status: 'skipped', reason: 'locked' }
    }
    try {
      return await this.#run(connection, 'epics', trigger, undefined, async (ctx, known) => {
        const facts = known ?? (await this.#refreshFacts(ctx))
        const { error } = await readEpicsInFull(ctx, epicIds, await knownReadableProjects(ctx), facts)
        if (error) throw error
      })
    } finally {
      await releaseLease(db, portfolioId, owner)
    }
  }

  /** Syncs every connected portfolio whose last attempt is older than the interval. */
  async runDue(): Promise<void> {
    const { db, clock, intervalMs } = this.#options
    const before = new Date(clock.now().getTime() - intervalMs).toISOString()
    const due = await connectionRepository.findDueConnections(db, before, 50)
    for (const connection of due) {
      await this.syncPortfolio(connection.portfolioId, { trigger: 'schedule' })
    }
  }

  /** Compacts history when the last compaction by this engine is `maintenanceEveryMs` old. */
  async runMaintenance(): Promise<void> {
    const { db, clock, log, maintenanceEveryMs } = this.#options
    const now = clock.now()
    if (now.getTime() - this.#maintainedAt < maintenanceEveryMs) return
    this.#maintainedAt = now.getTime()
    const report = await compactHistory(db, now)
    log.info('history compacted', { ...report })
  }

  /** Runs `runDue`, then `runMaintenance`, every `tickMs` until `stop()`. */
  start(tickMs = Math.min(this.#options.intervalMs, 30_000)): void {
    if (this.#timer) return
    this.#timer = setInterval(() => {
      if (this.#ticking) return
      this.#ticking = true
      this.#track(
        this.runDue()
          .catch((error) => this.#options.log.error('scheduled sync failed', { error }))
          .then(() => this.runMaintenance())
          .catch((error) => this.#options.log.error('history compaction failed', { error }))
          .finally(() => (this.#ticking = false)),
      )
    }, tickMs)
    this.#timer.unref?.()
  }

  /** Stops the schedule and waits for syncs under way. */
  async stop(): Promise<void> {
    clearInterval(this.#timer)
    this.#timer = undefined
    await this.idle()
  }

  /** Resolves when no sync started by this engine is running. */
  async idle(): Promise<void> {
    while (this.#background.size > 0 || this.#inFlight.size > 0) {
      await Promise.allSettled([...this.#background, ...this.#inFlight.values()])
    }
  }

  #track(promise: Promise<unknown>): void {
    const tracked = promise
      .catch((error) => this.#options.log.error('sync failed', { error }))
      .finally(() => this.#background.delete(tracked))
    this.#background.add(tracked)
  }

  async #syncLeased(portfolioId: string, request: SyncRequest): Promise<SyncResult> {
    const { db, clock, instanceId, leaseMs, intervalMs, modePolicy } = this.#options
    const connection = await connectionRepository.findConnection(db, portfolioId)
    if (!connection) return { status: 'skipped', reason: 'not_connected' }
    const startedAt = clock.now()
    const until = (from: Date) => new Date(from.getTime() + leaseMs).toISOString()
    if (!(await acquireLease(db, portfolioId, instanceId, startedAt.toISOString(), until(startedAt)))) {
      return { status: 'skipped', reason: 'locked' }
    }
    try {
      // Under the lease, read again: another instance may have just finished this portfolio.
      const current = await connectionRepository.findConnection(db, portfolioId)
      if (!current) return { status: 'skipped', reason: 'not_connected' }
      const lastAttempt = current.lastAttemptAt ? Date.parse(current.lastAttemptAt) : 0
      if (request.trigger === 'schedule' && startedAt.getTime() - lastAttempt < intervalMs) {
        return { status: 'skipped', reason: 'not_due' }
      }
      await runRepository.closeAbandonedRuns(db, portfolioId, startedAt.toISOString())
      await connectionRepository.updateConnection(db, portfolioId, { lastAttemptAt: startedAt.toISOString() })
      const mode = decideSyncMode(
        {
          lastSyncStartedAt: current.lastSyncStartedAt ? new Date(current.lastSyncStartedAt) : null,
          lastFullSyncAt: current.lastFullSyncAt ? new Date(current.lastFullSyncAt) : null,
        },
        startedAt,
        modePolicy,
        request.mode ?? 'auto',
      )
      // A lease that could not be renewed may already be another instance's: stop reading at once
      // rather than write beside it.
      const leaseLost = new AbortController()
      const renew = setInterval(() => {
        void renewLease(db, portfolioId, instanceId, until(clock.now()))
          .then((held) => {
            if (!held) leaseLost.abort(new LeaseLostError())
          })
          .catch(() => undefined)
      }, Math.max(1000, Math.floor(leaseMs / 3)))
      try {
        return await this.#run(current, mode.mode, request.trigger, leaseLost.signal, async (ctx, known) => {
          let facts = known
          if (mode.mode === 'full') {
            const readable = await refreshProjects(ctx)
            const fresh = await this.#refreshFacts(ctx)
            const tracked = await linkedEpicRepository.trackedEpicIds(db, portfolioId)
            const { error } = await readEpicsInFull(ctx, tracked, readable, fresh)
            if (error) throw error
            await snapshotRepository.dropUntrackedEpics(db, portfolioId)
          } else {
            const returned = new Set<string>()
            const readable = await refreshProjects(ctx, returned)
            facts ??= await this.#refreshFacts(ctx)
            await readChanges(ctx, readable, mode.sinceMinutes, facts)
            // What changed while Jira hid a project is outside any window: read its epics in full.
            const hidden = returned.size === 0 ? [] : (await snapshotRepository.listSnapshots(db, portfolioId)).filter((s) => returned.has(s.jiraProjectId))
            const unread = await snapshotRepository.epicsWithoutFigures(db, portfolioId)
            const { error } = await readEpicsInFull(ctx, [...new Set([...unread, ...hidden.map((s) => s.jiraIssueId)])], readable, facts)
            if (error) throw error
            await snapshotRepository.confirmFigures(db, portfolioId, [...readable.keys()], clock.now().toISOString())
          }
          // Figures this sync neither read nor confirmed (epics Jira no longer shows, projects it
          // hides) are the last known ones: say so, as a failed sync would.
          await snapshotRepository.markStale(db, portfolioId, startedAt.toISOString(), clock.now().toISOString())
        })
      } finally {
        clearInterval(renew)
      }
    } finally {
      await releaseLease(db, portfolioId, instanceId)
    }
  }

  /** Reads the site's story-points fields and epic types, and remembers them on the connection. */
  async #refreshFacts(ctx: SyncContext): Promise<SiteFacts> {
    const facts = await ctx.source.siteFacts()
    await connectionRepository.updateConnection(this.#options.db, ctx.portfolioId, {
      storyPointsFieldIds: JSON.stringify(facts.storyPointsFieldIds),
      epicTypeIds: JSON.stringify(facts.epicTypeIds),
      factsReadAt: this.#options.clock.now().toISOString(),
    })
    return facts
  }

  /**
   * Runs `work` as one recorded sync run. `work` gets the facts remembered from the last full
   * read, or undefined when they must be read (and the source then asks Jira for them).
   */
  async #run(
    connection: JiraConnection,
    kind: SyncKind,
    trigger: SyncTrigger,
    stop: AbortSignal | undefined,
    work: (ctx: SyncContext, facts: SiteFacts | undefined) => Promise<void>,
  ): Promise<SyncResult> {
    const { db, clock, log, instanceId } = this.#options
    const portfolioId = connection.portfolioId
    const runId = newId()
    const startedAt = clock.now().toISOString()
    await runRepository.insertSyncRun(db, { id: runId, portfolioId, kind, trigger, startedAt, instanceId })
    let calls = 0
    const abort = new AbortController()
    stop?.addEventListener('abort', () => abort.abort(stop.reason), { once: true })
    const facts = kind === 'full' || !connection.factsReadAt ? undefined : factsOf(connection)
    const ctx: SyncContext = {
      db,
      clock,
      portfolioId,
      runId,
      source: this.#options.sourceFor(connection, {
        facts,
        onRequest: () => calls++,
        signal: abort.signal,
      }),
      epicsPerQuery: this.#options.epicsPerQuery,
      parallelQueries: this.#options.parallelQueries,
      counts: { epicsRead: 0, childrenRead: 0 },
    }
    try {
      await work(ctx, facts)
      const finishedAt = clock.now().toISOString()
      await connectionRepository.updateConnection(db, portfolioId, {
        health: 'ok',
        healthMessage: HEALTH_MESSAGES.ok,
        healthCheckedAt: finishedAt,
        ...(kind === 'epics' ? {} : { lastSyncAt: finishedAt, lastSyncStartedAt: startedAt }),
        ...(kind === 'full' ? { lastFullSyncAt: startedAt } : {}),
      })
      await runRepository.finishSyncRun(db, runId, { outcome: 'ok', finishedAt, calls, ...ctx.counts })
      log.info('sync finished', { portfolioId, runId, kind, trigger, calls, ...ctx.counts })
      return { status: 'done', runId, kind, outcome: 'ok', calls }
    } catch (error) {
      abort.abort()
      const finishedAt = clock.now().toISOString()
      const failure = isJiraError(error)
        ? { kind: error.kind, message: error.message }
        : stop?.aborted
          ? { kind: 'lease_lost', message: 'Another portal instance took over this portfolio; this sync stopped.' }
          : { kind: 'internal', message: 'The sync stopped on an internal error.' }
      const outcome = ctx.counts.childrenRead > 0 || ctx.counts.epicsRead > 0 ? 'partial' : 'failed'
      try {
        await snapshotRepository.markStale(db, portfolioId, startedAt, finishedAt)
        if (isJiraError(error)) {
          const health = healthFor(error.kind)
          await connectionRepository.updateConnection(db, portfolioId, {
            health,
            healthMessage: HEALTH_MESSAGES[health],
            healthCheckedAt: finishedAt,
          })
        }
        await runRepository.finishSyncRun(db, runId, {
          outcome,
          finishedAt,
          calls,
          ...ctx.counts,
          errorKind: failure.kind,
          errorMessage: failure.message,
        })
      } catch (bookkeeping) {
        log.error('could not record a failed sync', { portfolioId, runId, error: bookkeeping })
      }
      if (isJiraError(error)) log.warn('sync failed', { portfolioId, runId, kind, failure: failure.kind, calls })
      else log.error('sync failed', { portfolioId, runId, kind, error })
      return { status: 'done', runId, kind, outcome, calls, error: failure }
    }
  }
}

/** This instance could not renew its lease: another may already hold it. */
export class LeaseLostError extends Error {
  constructor() {
    super('The sync lease was lost')
    this.name = 'LeaseLostError'
  }
}

/** The site facts a connection remembers from its last full read. */
export function factsOf(connection: JiraConnection): SiteFacts {
  const parse = (text: string): string[] => {
    try {
      const value: unknown = JSON.parse(text)
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
    } catch {
      return []
    }
  }
  return { storyPointsFieldIds: parse(connection.storyPointsFieldIds), epicTypeIds: parse(connection.epicTypeIds) }
}
