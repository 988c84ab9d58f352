/**
 * @module
 * The scheduled compaction of history (the sync engine's tick runs it about hourly): each
 * portfolio's days over a week old are compacted once, in order, from where the last run
 * stopped; then what lies before the two-year horizon is thinned to each series' last point,
 * link intervals closed before it go, and so does the history of epics no interval names.
 * Deleting is idempotent, so two instances running it at once do no harm.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { compactionBounds, DEFAULT_COMPACTION_POLICY, midnightOf, planCompaction, type CompactionPolicy } from './compaction-plan.js'
import { deletePoints, deleteUnnamedSeries, firstPointTime, pointTimes } from './epic-history.repository.js'
import { daysBefore, deleteDays } from './initiative-history.repository.js'
import { deleteClosedBefore } from './link-interval.repository.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** Days read per step: a step holds at most this many days of one portfolio's points in memory. */
const DAYS_PER_STEP = 7

export interface CompactionOptions {
  policy?: CompactionPolicy
  /** Days compacted per portfolio per run at most; a backlog continues on the next run. */
  maxDaysPerRun?: number
}

export interface CompactionReport {
  portfolios: number
  pointsDeleted: number
  daysDeleted: number
}

export async function compactHistory(db: Kysely<Database>, now: Date, options: CompactionOptions = {}): Promise<CompactionReport> {
  const policy = options.policy ?? DEFAULT_COMPACTION_POLICY
  const maxDays = options.maxDaysPerRun ?? 62
  const bounds = compactionBounds(now, policy)
  const report: CompactionReport = { portfolios: 0, pointsDeleted: 0, daysDeleted: 0 }
  const portfolios = await db.selectFrom('portfolios').select('id').orderBy('id').execute()
  for (const { id: portfolioId } of portfolios) {
    report.portfolios++
    const mark = await db.selectFrom('historyCompactions').select('compactedBefore').where('portfolioId', '=', portfolioId).executeTakeFirst()
    const first = mark ? null : await firstPointTime(db, portfolioId)
    let from = mark?.compactedBefore ?? (first ? midnightOf(Date.parse(first)) : bounds.dailyBefore)
    let days = 0
    while (from < bounds.dailyBefore && days < maxDays) {
      const to = new Date(Math.min(Date.parse(from) + DAYS_PER_STEP * DAY_MS, Date.parse(bounds.dailyBefore))).toISOString()
      const points = (await pointTimes(db, portfolioId, from, to)).map((p) => ({ series: p.seriesId, at: p.recordedAt }))
      const doomed = planCompaction(points, bounds)
      await deletePoints(db, doomed.map((p) => ({ seriesId: p.series, recordedAt: p.at })))
      report.pointsDeleted += doomed.length
      days += Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS)
      from = to
    }
    await db
      .insertInto('historyCompactions')
      .values({ portfolioId, compactedBefore: from })
      .onConflict((oc) => oc.column('portfolioId').doUpdateSet({ compactedBefore: from }))
      .execute()
    // Before the horizon: each series' last point carries its figures; the rest goes.
    const old = (await pointTimes(db, portfolioId, null, bounds.horizon)).map((p) => ({ series: p.seriesId, at: p.recordedAt }))
    const expired = planCompaction(old, bounds)
    await deletePoints(db, expired.map((p) => ({ seriesId: p.series, recordedAt: p.at })))
    report.pointsDeleted += expired.length
    const oldDays = (await daysBefore(db, portfolioId, bounds.horizon.slice(0, 10))).map((d) => ({ series: d.initiativeId, at: `${d.day}T23:59:59.999Z` }))
    const expiredDays = planCompaction(oldDays, bounds)
    await deleteDays(db, expiredDays.map((d) => ({ initiativeId: d.series, day: d.at.slice(0, 10) })))
    report.daysDeleted += expiredDays.length
    await deleteClosedBefore(db, portfolioId, bounds.horizon)
    await deleteUnnamedSeries(db, portfolioId)
  }
  return report
}
