// Forecast maths: weekly throughput that ignores scope change, and the range against go-live.
import fc from 'fast-check'
import { forecast, weeklyThroughput, type EpicReading, type ForecastInput } from './forecast.js'

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

  test('linking an epic with work already done is scope, not throughput', () => {
    const epics = new Map([
      ['old', [reading(20, 0), reading(0, 3)]],
      // Linked three days ago with 50 done: nothing of it was done in the last weeks as far as we know.
      ['new', [reading(3, 50), reading(0, 51)]],
    ])
    expect(weeklyThroughput(epics, now, 2)).toEqual([0, 3])
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
      goLive: '2027-01-31',
      suggestion: 'on_track',
      reason: null,
    })
  })

  test('at risk: only at the faster weeks', () => {
    expect(forecast({ ...base, goLive: '2026-12-31' })).toMatchObject({ suggestion: 'at_risk', reason: null })
  })

  test('off track: not even at the fastest week', () => {
    expect(forecast({ ...base, goLive: '2026-12-10' })).toMatchObject({ suggestion: 'off_track' })
  })

  test('a slowest week that did nothing leaves the late end open', () => {
    const result = forecast({ ...base, weeks: [0, 10] })
    expect(result.completesBetween).toEqual(['2026-12-16', null])
    expect(result.suggestion).toBe('at_risk')
  })

  test('not enough data: under two weeks of history, no throughput, no go-live', () => {
    expect(forecast({ ...base, historySince: daysAgo(10) })).toMatchObject({ suggestion: 'not_enough_data', reason: 'too_little_history', completesBetween: null })
    expect(forecast({ ...base, historySince: null })).toMatchObject({ reason: 'too_little_history' })
    expect(forecast({ ...base, weeks: [0, 0, 0] })).toMatchObject({ suggestion: 'not_enough_data', reason: 'no_throughput', completesBetween: null })
    const noGoLive = forecast({ ...base, goLive: null })
    expect(noGoLive).toMatchObject({ suggestion: 'not_enough_data', reason: 'no_go_live' })
    expect(noGoLive.completesBetween).toEqual(['2026-12-16', '2027-01-06'])
  })

  test('nothing left is done today, and on track', () => {
    expect(forecast({ ...base, remaining: 0 })).toMatchObject({ completesBetween: ['2026-11-25', '2026-11-25'], suggestion: 'on_track' })
  })

  const weeks = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 6 })
  const rank = (s: string) => ['on_track', 'at_risk', 'off_track'].indexOf(s)
  const later = (a: string | null, b: string | null) => (a === null ? b !== null : b !== null && a > b)

  test('more work done never moves the forecast later', () => {
    fc.assert(
      fc.property(weeks, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (w, remaining, extraDone) => {
        const before = forecast({ ...base, weeks: w, remaining })
        const after = forecast({ ...base, weeks: w, remaining: Math.max(0, remaining - extraDone) })
        if (!before.completesBetween || !after.completesBetween) return
        expect(after.completesBetween[0] <= before.completesBetween[0]).toBe(true)
        expect(later(after.completesBetween[1], before.completesBetween[1])).toBe(false)
        expect(rank(after.suggestion)).toBeLessThanOrEqual(rank(before.suggestion))
      }),
    )
  })

  test('more scope never moves the forecast earlier', () => {
    fc.assert(
      fc.property(weeks, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (w, remaining, added) => {
        const before = forecast({ ...base, weeks: w, remaining })
        const after = forecast({ ...base, weeks: w, remaining: remaining + added })
        if (!before.completesBetween || !after.completesBetween) return
        expect(after.completesBetween[0] >= before.completesBetween[0]).toBe(true)
        expect(later(before.completesBetween[1], after.completesBetween[1])).toBe(false)
        expect(rank(after.suggestion)).toBeGreaterThanOrEqual(rank(before.suggestion))
      }),
    )
  })
})
