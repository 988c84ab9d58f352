// Forecast maths: weekly throughput that ignores scope change, the range against go-live, by count and by story points.
import fc from 'fast-check'
import { forecast, forecastFromHistory, measure, weeklyThroughput, type EpicReading, type Figures, type ForecastInput } from './forecast.js'

const now = new Date('2026-11-25T12:00:00Z')
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000)
const reading = (days: number, done: number, scope = 100): EpicReading => ({ at: daysAgo(days), done, scope })

describe('weeklyThroughput', () => {
  test('work newly done per week, oldest first, summed over epics', () => {
    const epics = new Map([
      ['A', [reading(42, 0), reading(35, 2), reading(28, 5), reading(21, 5), reading(14, 9), reading(7, 10), reading(0, 13)]],
      ['B', [reading(42, 10), reading(20, 14), reading(1, 20)]],
    ])
    // Weeks end 35, 28, 21, 14, 7 and 0 days ago. B reads 10 until day 20, then 14, then 20 from day 1.
    expect(weeklyThroughput(epics, now)).toEqual([2, 3, 0, 4 + 4, 1, 3 + 6])
  })

  test('linking an epic with work already done is scope, not throughput; work done after linking counts', () => {
    const epics = new Map([
      ['old', [reading(20, 0), reading(0, 3)]],
      // Linked three days ago with 50 done: that is scope. The one done since then is this week's work.
      ['new', [reading(3, 50), reading(0, 51)]],
    ])
    expect(weeklyThroughput(epics, now, 2)).toEqual([0, 3 + 1])
  })

  test('an unlinked epic stops counting: its readings end when its interval does', () => {
    // Unlinked 10 days ago at 6 done; whatever it does afterwards is not this initiative's.
    const epics = new Map([['gone', [reading(20, 0), reading(10, 6)]], ['kept', [reading(20, 0), reading(2, 2)]]])
    expect(weeklyThroughput(epics, now, 2)).toEqual([6, 2])
  })

  test('weeks before history starts are not weeks of no work: they are left out', () => {
    const epics = new Map([['A', [reading(15, 0), reading(8, 4), reading(1, 6)]]])
    expect(weeklyThroughput(epics, now)).toEqual([4, 2])
    expect(weeklyThroughput(new Map(), now)).toEqual([])
  })

  test('reopened work counts against its week, but a week is never negative', () => {
    const epics = new Map([['A', [reading(14, 10), reading(7, 4), reading(0, 6)]]])
    expect(weeklyThroughput(epics, now, 2)).toEqual([0, 2])
  })
})

describe('forecast', () => {
  const base: ForecastInput = { now, goLive: '2027-01-31', remaining: 30, weeks: [5, 10, 6, 8, 7, 9], historySince: daysAgo(60) }

  test('on track: done by go-live even at the slowest week', () => {
    // 30 left: 21 days at 10 a week, 42 at 5 a week.
    expect(forecast(base)).toEqual({
      remaining: 30,
      weeklyThroughput: { slowest: 5, fastest: 10 },
      completesBetween: ['2026-12-16', '2027-01-06'],
      earliestCompletion: '2026-12-16',
      goLive: '2027-01-31',
      suggestion: 'on_track',
      reason: null,
      recentWeeks: [5, 10, 6, 8, 7, 9],
    })
  })

  test('at risk: only at the faster weeks', () => {
    expect(forecast({ ...base, goLive: '2026-12-31' })).toMatchObject({ suggestion: 'at_risk', reason: null })
  })

  test('off track: not even at the fastest week', () => {
    expect(forecast({ ...base, goLive: '2026-12-10' })).toMatchObject({ suggestion: 'off_track' })
  })

  test('a slowest week that did nothing gives no range, only the earliest date', () => {
    const result = forecast({ ...base, weeks: [0, 10] })
    expect(result).toMatchObject({ completesBetween: null, earliestCompletion: '2026-12-16', suggestion: 'at_risk' })
  })

  test('not enough data: under two weeks of history, no throughput, no go-live', () => {
    expect(forecast({ ...base, historySince: daysAgo(10) })).toMatchObject({ suggestion: 'not_enough_data', reason: 'too_little_history', completesBetween: null })
    expect(forecast({ ...base, historySince: null })).toMatchObject({ reason: 'too_little_history' })
    expect(forecast({ ...base, weeks: [7] })).toMatchObject({ reason: 'too_little_history', weeklyThroughput: null })
    expect(forecast({ ...base, weeks: [0, 0, 0] })).toMatchObject({ suggestion: 'not_enough_data', reason: 'no_throughput', completesBetween: null, earliestCompletion: null })
    const noGoLive = forecast({ ...base, goLive: null })
    expect(noGoLive).toMatchObject({ suggestion: 'not_enough_data', reason: 'no_go_live' })
    expect(noGoLive.completesBetween).toEqual(['2026-12-16', '2027-01-06'])
  })

  test('nothing left is done today, and on track', () => {
    expect(forecast({ ...base, remaining: 0 })).toMatchObject({ completesBetween: ['2026-11-25', '2026-11-25'], suggestion: 'on_track' })
  })

  const weeks = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 6 })
  const rank = (s: string) => ['on_track', 'at_risk', 'off_track'].indexOf(s)
  // The latest completion: null when some week did nothing (never at that pace).
  const latest = (f: ReturnType<typeof forecast>) => f.completesBetween?.[1] ?? null
  const later = (a: string | null, b: string | null) => (a === null ? b !== null : b !== null && a > b)

  test('more work done never moves the forecast later', () => {
    fc.assert(
      fc.property(weeks, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (w, remaining, extraDone) => {
        const before = forecast({ ...base, weeks: w, remaining })
        const after = forecast({ ...base, weeks: w, remaining: Math.max(0, remaining - extraDone) })
        if (!before.earliestCompletion || !after.earliestCompletion) return
        expect(after.earliestCompletion <= before.earliestCompletion).toBe(true)
        expect(later(latest(after), latest(before))).toBe(false)
        expect(rank(after.suggestion)).toBeLessThanOrEqual(rank(before.suggestion))
      }),
    )
  })

  test('more scope never moves the forecast earlier', () => {
    fc.assert(
      fc.property(weeks, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (w, remaining, added) => {
        const before = forecast({ ...base, weeks: w, remaining })
        const after = forecast({ ...base, weeks: w, remaining: remaining + added })
        if (!before.earliestCompletion || !after.earliestCompletion) return
        expect(after.earliestCompletion >= before.earliestCompletion).toBe(true)
        expect(later(latest(before), latest(after))).toBe(false)
        expect(rank(after.suggestion)).toBeGreaterThanOrEqual(rank(before.suggestion))
      }),
    )
  })
})

describe('forecastFromHistory, by count and by story points', () => {
  const figures = (todo: number, inProgress: number, done: number, pointsDone: number, pointsTotal: number, pointsInProgress = 0): Figures => ({
    todo,
    inProgress,
    done,
    pointsInProgress,
    pointsDone,
    pointsTotal,
  })
  // Two epics read weekly for three weeks; B was linked a week ago with work already done.
  const entries = new Map([
    [
      'A',
      [
        { at: daysAgo(21), figures: figures(10, 0, 0, 0, 40) },
        { at: daysAgo(14), figures: figures(7, 1, 2, 5, 40) },
        { at: daysAgo(7), figures: figures(5, 1, 4, 13, 42) },
        { at: daysAgo(0), figures: figures(2, 2, 6, 20, 42, 6) },
      ],
    ],
    [
      'B',
      [
        { at: daysAgo(7), figures: figures(2, 0, 8, 30, 40) },
        { at: daysAgo(0), figures: figures(1, 0, 9, 34, 40) },
      ],
    ],
  ])
  const current = figures(3, 2, 15, 54, 82, 6)

  test('measure reads scope, done and in progress in either basis', () => {
    expect(measure(current, 'count')).toEqual({ scope: 20, done: 15, inProgress: 2 })
    expect(measure(current, 'points')).toEqual({ scope: 82, done: 54, inProgress: 6 })
  })

  test('by count: weeks of 2, 2 and 2 + 1; five children remain', () => {
    // B's 8 done when linked are scope; its one more done this week is work.
    expect(forecastFromHistory({ now, goLive: '2027-01-15', basis: 'count', current, entries })).toEqual({
      remaining: 5,
      weeklyThroughput: { slowest: 2, fastest: 3 },
      // 5 / 3 a week = 11.67 days, rounded up; 5 / 2 a week = 17.5 days.
      completesBetween: ['2026-12-07', '2026-12-13'],
      earliestCompletion: '2026-12-07',
      goLive: '2027-01-15',
      suggestion: 'on_track',
      reason: null,
      recentWeeks: [2, 2, 3],
    })
  })

  test('by story points: weeks of 5, 8 and 7 + 4; 28 points remain', () => {
    expect(forecastFromHistory({ now, goLive: '2026-12-20', basis: 'points', current, entries })).toEqual({
      remaining: 28,
      weeklyThroughput: { slowest: 5, fastest: 11 },
      // 28 / 11 a week = 17.8 days → 18; 28 / 5 a week = 39.2 days → 40.
      completesBetween: ['2026-12-13', '2027-01-04'],
      earliestCompletion: '2026-12-13',
      goLive: '2026-12-20',
      suggestion: 'at_risk',
      reason: null,
      recentWeeks: [5, 8, 11],
    })
  })

  test('a week and a half of history is not enough, in either basis', () => {
    const young = new Map([['A', [{ at: daysAgo(10), figures: figures(5, 0, 0, 0, 10) }, { at: daysAgo(0), figures: figures(2, 0, 3, 6, 10) }]]])
    for (const basis of ['count', 'points'] as const) {
      expect(forecastFromHistory({ now, goLive: '2027-01-15', basis, current: figures(2, 0, 3, 6, 10), entries: young })).toMatchObject({
        suggestion: 'not_enough_data',
        reason: 'too_little_history',
        completesBetween: null,
      })
    }
  })
})
