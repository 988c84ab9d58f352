/**
 * @module
 * Where an initiative is heading, from its history (DESIGN.md, "History, trends and
 * forecast"). Pure: weekly throughput is work newly done per epic, so linking or unlinking
 * an epic (scope change) never counts as work; the forecast is a range from the slowest
 * and the fastest of the last weeks, set against the go-live date. Too little history
 * gives "not enough data" with the reason, never a made-up date.
 */

export type Basis = 'count' | 'points'

/** One reading of an epic's figures at a moment, in the chosen basis. */
export interface EpicReading {
  at: Date
  done: number
  scope: number
}

export type Suggestion = 'on_track' | 'at_risk' | 'off_track' | 'not_enough_data'
export type NoDataReason = 'too_little_history' | 'no_throughput' | 'no_go_live'

export interface Forecast {
  remaining: number
  weeklyThroughput: { slowest: number; fastest: number } | null
  /** Completion at the fastest and at the slowest week; null unless both exist (a week that did nothing never completes). */
  completesBetween: [string, string] | null
  /** Completion at the fastest week alone: known whenever some week did work, even when the slowest did none. */
  earliestCompletion: string | null
  goLive: string | null
  suggestion: Suggestion
  reason: NoDataReason | null
  /** The work done in each week counted, oldest first (see `weeklyThroughput`). */
  recentWeeks: number[]
}

const DAY = 24 * 60 * 60 * 1000
const WEEK = 7 * DAY
/** The forecast looks at the last six complete weeks. */
export const THROUGHPUT_WEEKS = 6
/** Two weeks of history at least before any date is suggested. */
export const MIN_HISTORY_MS = 2 * WEEK

/** The last reading at or before `at`, or undefined. `readings` are in time order. */
function readingAt(readings: readonly EpicReading[], at: number): EpicReading | undefined {
  let found: EpicReading | undefined
  for (const reading of readings) {
    if (reading.at.getTime() > at) break
    found = reading
  }
  return found
}

/** When history starts: the earliest first reading of any epic, or null without readings. */
export function historyStart(epics: ReadonlyMap<string, readonly EpicReading[]>): Date | null {
  let first: number | null = null
  for (const readings of epics.values()) {
    const at = readings[0]?.at.getTime()
    if (at !== undefined && (first === null || at < first)) first = at
  }
  return first === null ? null : new Date(first)
}

/**
 * Work newly done in each of the last `weeks` weeks ending at `now` (oldest first), counting
 * only weeks that start after history does: per epic, done at the week's end minus done at its
 * start, or at its first reading when that comes later. Each entry's readings cover the time it
 * was linked (an epic linked twice is two entries), its first reading being its figures when
 * linked: so linking an epic brings its past work as scope, never as throughput, and work done
 * after unlinking never counts. Reopened work counts against the week; a week never goes below zero.
 */
export function weeklyThroughput(
  epics: ReadonlyMap<string, readonly EpicReading[]>,
  now: Date,
  weeks = THROUGHPUT_WEEKS,
): number[] {
  const since = historyStart(epics)
  if (since === null) return []
  const result: number[] = []
  for (let k = weeks; k >= 1; k--) {
    const start = now.getTime() - k * WEEK
    const end = start + WEEK
    if (start < since.getTime()) continue
    let done = 0
    for (const readings of epics.values()) {
      const first = readings[0]
      if (!first || first.at.getTime() > end) continue
      const before = readingAt(readings, Math.max(start, first.at.getTime()))
      const after = readingAt(readings, end)
      if (before && after) done += after.done - before.done
    }
    result.push(Math.max(0, round(done)))
  }
  return result
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

/** `YYYY-MM-DD` of the day `days` (rounded up) after `from`, in UTC. */
function dateAfter(from: Date, days: number): string {
  return new Date(from.getTime() + Math.ceil(days) * DAY).toISOString().slice(0, 10)
}

export interface ForecastInput {
  now: Date
  /** The go-live date, `YYYY-MM-DD`, or null. */
  goLive: string | null
  /** Scope minus done now, in the basis. */
  remaining: number
  /** Throughput of the last weeks, oldest first (see `weeklyThroughput`). */
  weeks: readonly number[]
  /** When the initiative's history starts (its first reading). */
  historySince: Date | null
}

export function forecast(input: ForecastInput): Forecast {
  const remaining = Math.max(0, round(input.remaining))
  const base = { remaining, goLive: input.goLive, recentWeeks: [...input.weeks] }
  const enoughHistory =
    input.historySince !== null && input.now.getTime() - input.historySince.getTime() >= MIN_HISTORY_MS
  if (!enoughHistory || input.weeks.length < 2) {
    return { ...base, weeklyThroughput: null, completesBetween: null, earliestCompletion: null, suggestion: 'not_enough_data', reason: 'too_little_history' }
  }
  const slowest = Math.min(...input.weeks)
  const fastest = Math.max(...input.weeks)
  const weeklyThroughput = { slowest, fastest }
  const today = input.now.toISOString().slice(0, 10)
  if (remaining === 0) {
    const finished: [string, string] = [today, today]
    return { ...base, weeklyThroughput, completesBetween: finished, earliestCompletion: today, suggestion: input.goLive ? 'on_track' : 'not_enough_data', reason: input.goLive ? null : 'no_go_live' }
  }
  if (fastest <= 0) {
    return { ...base, weeklyThroughput, completesBetween: null, earliestCompletion: null, suggestion: 'not_enough_data', reason: 'no_throughput' }
  }
  const early = dateAfter(input.now, (remaining / fastest) * 7)
  const late = slowest > 0 ? dateAfter(input.now, (remaining / slowest) * 7) : null
  const dates = { completesBetween: late === null ? null : ([early, late] as [string, string]), earliestCompletion: early }
  if (!input.goLive) return { ...base, weeklyThroughput, ...dates, suggestion: 'not_enough_data', reason: 'no_go_live' }
  const suggestion: Suggestion =
    late !== null && late <= input.goLive ? 'on_track' : early <= input.goLive ? 'at_risk' : 'off_track'
  return { ...base, weeklyThroughput, ...dates, suggestion, reason: null }
}

/** An epic's or an initiative's figures in both bases, as history stores them. */
export interface Figures {
  todo: number
  inProgress: number
  done: number
  pointsInProgress: number
  pointsDone: number
  pointsTotal: number
}

/** Scope, done and in progress in `basis`: child issues, or story points of estimated children. */
export function measure(figures: Figures, basis: Basis): { scope: number; done: number; inProgress: number } {
  return basis === 'count'
    ? { scope: figures.todo + figures.inProgress + figures.done, done: figures.done, inProgress: figures.inProgress }
    : { scope: round(figures.pointsTotal), done: round(figures.pointsDone), inProgress: round(figures.pointsInProgress) }
}

export interface HistoryForecastInput {
  now: Date
  goLive: string | null
  basis: Basis
  /** Where the initiative stands now (its roll-up). */
  current: Figures
  /** Per linked interval, its figures over time, as `weeklyThroughput` takes readings. */
  entries: ReadonlyMap<string, readonly { at: Date; figures: Figures }[]>
}

/** The forecast in `basis` from an initiative's history: throughput of the last weeks against what remains. */
export function forecastFromHistory(input: HistoryForecastInput): Forecast {
  const readings = new Map<string, EpicReading[]>()
  for (const [key, points] of input.entries) {
    readings.set(key, points.map((p) => ({ at: p.at, ...measure(p.figures, input.basis) })))
  }
  const now = measure(input.current, input.basis)
  return forecast({
    now: input.now,
    goLive: input.goLive,
    remaining: now.scope - now.done,
    weeks: weeklyThroughput(readings, input.now),
    historySince: historyStart(readings),
  })
}
