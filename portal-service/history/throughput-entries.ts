/**
 * @module
 * What `weeklyThroughput` reads, loaded for some or all initiatives of a portfolio: per link
 * interval, its figures at its linking, at each week's edge while it was linked, and at its
 * unlinking, over the last six weeks. Those are the only moments the maths asks about, so each
 * costs one point lookup for all epics, not a scan of every point in the window.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { Figures } from './forecast.js'
import { THROUGHPUT_WEEKS } from './forecast.js'
import { endOf, figuresAtEach, pointLookup, startFigures } from './interval-figures.js'
import { intervalsSince } from './link-interval.repository.js'

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

export type Entries = Map<string, { at: Date; figures: Figures }[]>

/** Per initiative, its intervals' readings (keyed by interval id) for the forecast at `now`. */
export async function throughputEntries(
  db: Kysely<Database>,
  portfolioId: string,
  initiativeIds: readonly string[] | null,
  now: Date,
): Promise<Map<string, Entries>> {
  const nowIso = now.toISOString()
  const windowStart = new Date(now.getTime() - THROUGHPUT_WEEKS * WEEK_MS).toISOString()
  const intervals = (await intervalsSince(db, portfolioId, initiativeIds, windowStart)).filter((i) => i.linkedAt <= nowIso)
  const lookup = pointLookup(db, portfolioId)
  const epicIds = [...new Set(intervals.map((i) => i.jiraIssueId))]
  const edges = Array.from({ length: THROUGHPUT_WEEKS + 1 }, (_, k) => new Date(now.getTime() - (THROUGHPUT_WEEKS - k) * WEEK_MS).toISOString())
  const atEdge = new Map<string, Awaited<ReturnType<typeof lookup>>>()
  for (const edge of edges) atEdge.set(edge, epicIds.length === 0 ? new Map() : await lookup(epicIds, edge))
  const starts = await startFigures(lookup, intervals.filter((i) => i.linkedAt > windowStart), windowStart, nowIso)
  const closed = intervals.filter((i) => i.unlinkedAt !== null && i.unlinkedAt <= nowIso)
  const ends = await figuresAtEach(lookup, closed.map((i) => ({ id: i.id, epicId: i.jiraIssueId, at: i.unlinkedAt! })))

  const result = new Map<string, Entries>()
  for (const interval of intervals) {
    const readings = new Map<string, Figures>()
    const start = starts.get(interval.id)
    if (start) readings.set(start.at, start.point)
    const end = endOf(interval, nowIso)
    for (const edge of edges) {
      const point = edge >= interval.linkedAt && edge <= end ? atEdge.get(edge)?.get(interval.jiraIssueId) : undefined
      if (point) readings.set(edge, point)
    }
    const last = ends.get(interval.id)
    if (last) readings.set(interval.unlinkedAt!, last)
    const ordered = [...readings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([at, figures]) => ({ at: new Date(at), figures }))
    if (ordered.length === 0) continue
    const entries = result.get(interval.initiativeId) ?? new Map()
    entries.set(interval.id, ordered)
    result.set(interval.initiativeId, entries)
  }
  return result
}
