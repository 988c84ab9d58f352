/**
 * @module
 * What history compaction deletes, decided without I/O (DESIGN.md, "History, trends and
 * forecast"): points older than a week keep the last of each day per series, and history is
 * kept for at least two years. Before that horizon each series keeps only its last point, which
 * carries its figures into the retained years (an epic untouched for three years still counts).
 */

const DAY_MS = 24 * 60 * 60 * 1000

export interface CompactionPolicy {
  /** Points younger than this are all kept. */
  keepEveryPointMs: number
  /** Days of history kept in full (one point per series per day). */
  retainDays: number
}

/** A week of every point; two years (and a leap day) of daily points. */
export const DEFAULT_COMPACTION_POLICY: CompactionPolicy = { keepEveryPointMs: 7 * DAY_MS, retainDays: 731 }

/** A stored point: `series` is whatever groups points (an epic's series, an initiative). */
export interface TimedPoint<S> {
  series: S
  /** ISO-8601 UTC time, or a `YYYY-MM-DD` day (which sorts and slices the same way). */
  at: string
}

/** UTC midnight at or before `time`, as ISO text. */
export function midnightOf(time: number): string {
  return new Date(Math.floor(time / DAY_MS) * DAY_MS).toISOString()
}

export interface CompactionBounds {
  /** Days before this midnight are complete and over a week old: one point each per series. */
  dailyBefore: string
  /** Before this midnight, only each series' last point stays. */
  horizon: string
}

export function compactionBounds(now: Date, policy: CompactionPolicy = DEFAULT_COMPACTION_POLICY): CompactionBounds {
  return {
    dailyBefore: midnightOf(now.getTime() - policy.keepEveryPointMs),
    horizon: midnightOf(now.getTime() - policy.retainDays * DAY_MS),
  }
}

/**
 * The points to delete among `points`: of those before `dailyBefore`, all but the last of each
 * series' day; of those before `horizon`, all but each series' last. Points at or after
 * `dailyBefore` are never deleted. `points` need not be sorted; series compare with `===`.
 */
export function planCompaction<S>(points: readonly TimedPoint<S>[], bounds: CompactionBounds): TimedPoint<S>[] {
  const lastOfDay = new Map<string, TimedPoint<S>>()
  const lastBeforeHorizon = new Map<S, TimedPoint<S>>()
  const dayKeys = new Map<S, number>()
  const keyOf = (point: TimedPoint<S>) => {
    let id = dayKeys.get(point.series)
    if (id === undefined) dayKeys.set(point.series, (id = dayKeys.size))
    return `${id}|${point.at.slice(0, 10)}`
  }
  const old = points.filter((p) => p.at < bounds.dailyBefore)
  for (const point of old) {
    const key = keyOf(point)
    const kept = lastOfDay.get(key)
    if (!kept || kept.at < point.at) lastOfDay.set(key, point)
  }
  const survivors = new Set(lastOfDay.values())
  for (const point of survivors) {
    if (point.at >= bounds.horizon) continue
    const kept = lastBeforeHorizon.get(point.series)
    if (!kept || kept.at < point.at) lastBeforeHorizon.set(point.series, point)
  }
  const beforeHorizonKept = new Set(lastBeforeHorizon.values())
  return old.filter((point) => !survivors.has(point) || (point.at < bounds.horizon && !beforeHorizonKept.has(point)))
}
