/**
 * @module
 * Turns change notices into few, targeted re-reads (DESIGN.md, "Freshness: events are hints").
 * Notices wait per portfolio until about a second passes without another (capped, so a steady
 * stream still gets read); then the whole burst is mapped to tracked epics and read in one
 * batched refresh. One refresh per portfolio runs at a time: notices arriving meanwhile form the
 * next burst. A burst that names no tracked epic costs no Jira call. When a sync holds the
 * portfolio, the epics wait and are tried again. Nothing here is awaited by whoever enqueues.
 */
import type { ChangeNotice } from '../../shared/events/change-notice.js'
import type { Logger } from '../log/logger.js'
import type { SyncResult } from './sync-engine.js'

export interface ChangeQueueOptions {
  /** The tracked epics a burst may have changed (`all`: every tracked epic). Reads the database only. */
  resolve(portfolioId: string, notices: readonly ChangeNotice[] | 'all'): Promise<string[]>
  /** Re-reads epics from Jira and records the run. */
  refresh(portfolioId: string, epicIds: readonly string[]): Promise<SyncResult>
  log: Logger
  /** Quiet time that ends a burst (default 1 s). */
  debounceMs?: number
  /** The longest a notice waits, however busy the stream (default 5 s). */
  maxWaitMs?: number
  /** Wait before trying again while a sync holds the portfolio (default 2 s). */
  retryMs?: number
  /** Tries of one burst before the schedule is left to catch up (default 30). */
  maxAttempts?: number
  /** Notices kept per burst; beyond, the burst refreshes every tracked epic (default 5000). */
  maxNotices?: number
}

interface Burst {
  notices: ChangeNotice[]
  /** Epics already known to need a read (from a burst that could not run yet). */
  epicIds: Set<string>
  overflow: boolean
  firstAt: number
  attempts: number
  timer: ReturnType<typeof setTimeout> | undefined
  /** Its timer fired while the previous burst was still being read. */
  due: boolean
}

export class ChangeQueue {
  readonly #options: Required<Omit<ChangeQueueOptions, 'resolve' | 'refresh' | 'log'>> &
    ChangeQueueOptions
  readonly #pending = new Map<string, Burst>()
  readonly #running = new Map<string, Promise<void>>()
  #stopped = false

  constructor(options: ChangeQueueOptions) {
    this.#options = {
      debounceMs: 1000,
      maxWaitMs: 5000,
      retryMs: 2000,
      maxAttempts: 30,
      maxNotices: 5000,
      ...options,
    }
  }

  /** Queues notices for a portfolio and returns at once. */
  enqueue(portfolioId: string, notices: readonly ChangeNotice[]): void {
    if (this.#stopped || notices.length === 0) return
    const burst = this.#burst(portfolioId)
    if (burst.notices.length + notices.length > this.#options.maxNotices) {
      burst.overflow = true
      burst.notices = []
    } else if (!burst.overflow) {
      burst.notices.push(...notices)
    }
    this.#schedule(portfolioId, burst, this.#options.debounceMs)
  }

  /** Notices waiting, per portfolio (for tests and diagnostics). */
  pendingCount(portfolioId: string): number {
    return this.#pending.get(portfolioId)?.notices.length ?? 0
  }

  /** Resolves when nothing is waiting or being read. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0 || this.#running.size > 0) {
      if (this.#running.size > 0) await Promise.allSettled([...this.#running.values()])
      else await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  /** Drops what waits (events are hints: the schedule catches up) and waits for reads under way. */
  async stop(): Promise<void> {
    this.#stopped = true
    for (const burst of this.#pending.values()) clearTimeout(burst.timer)
    if (this.#pending.size > 0)
      this.#options.log.info('change notices dropped at shutdown', {
        portfolios: this.#pending.size,
      })
    this.#pending.clear()
    await Promise.allSettled([...this.#running.values()])
  }

  #burst(portfolioId: string): Burst {
    let burst = this.#pending.get(portfolioId)
    if (!burst) {
      burst = {
        notices: [],
        epicIds: new Set(),
        overflow: false,
        firstAt: Date.now(),
        attempts: 0,
        timer: undefined,
        due: false,
      }
      this.#pending.set(portfolioId, burst)
    }
    return burst
  }

  /** (Re)arms the burst's timer; the wait is capped by `maxWaitMs` from its first notice. */
  #schedule(portfolioId: string, burst: Burst, delayMs: number): void {
    if (burst.due) return
    clearTimeout(burst.timer)
    const wait = Math.max(
      0,
      Math.min(delayMs, burst.firstAt + this.#options.maxWaitMs - Date.now()),
    )
    burst.timer = setTimeout(() => this.#fire(portfolioId), wait)
    burst.timer.unref?.()
  }

  #fire(portfolioId: string): void {
    const burst = this.#pending.get(portfolioId)
    if (!burst || this.#stopped) return
    burst.timer = undefined
    if (this.#running.has(portfolioId)) {
      burst.due = true
      return
    }
    this.#pending.delete(portfolioId)
    const run = this.#read(portfolioId, burst)
      .catch((error) => this.#options.log.error('event refresh failed', { portfolioId, error }))
      .finally(() => {
        this.#running.delete(portfolioId)
        if (this.#pending.get(portfolioId)?.due) this.#fire(portfolioId)
      })
    this.#running.set(portfolioId, run)
  }

  async #read(portfolioId: string, burst: Burst): Promise<void> {
    const { resolve, refresh, log, retryMs, maxAttempts } = this.#options
    const epicIds = new Set(burst.epicIds)
    if (burst.overflow || burst.notices.length > 0) {
      for (const id of await resolve(portfolioId, burst.overflow ? 'all' : burst.notices))
        epicIds.add(id)
    }
    // Unlinked work: nothing to read.
    if (epicIds.size === 0) return
    const result = await refresh(portfolioId, [...epicIds].sort())
    if (result.status === 'skipped' && result.reason === 'locked' && !this.#stopped) {
      if (burst.attempts + 1 >= maxAttempts) {
        log.warn('event refresh gave up: the portfolio stayed locked; the schedule will catch up', {
          portfolioId,
        })
        return
      }
      const next = this.#burst(portfolioId)
      for (const id of epicIds) next.epicIds.add(id)
      next.attempts = Math.max(next.attempts, burst.attempts + 1)
      // The retry waits its own time: the cap counts from now, not from the first notice.
      next.firstAt = Date.now() + retryMs - this.#options.maxWaitMs
      this.#schedule(portfolioId, next, retryMs)
    }
  }
}
