// Compaction planning: one point per series per day once a week old, each series' last point before two years.
import fc from 'fast-check'
import { compactionBounds, planCompaction, type TimedPoint } from './compaction-plan.js'

const now = new Date('2026-11-25T12:00:00Z')
const bounds = compactionBounds(now)
const at = (iso: string, series = 'A'): TimedPoint<string> => ({ series, at: iso })

describe('compactionBounds', () => {
  test('whole days over a week old, and two years and a leap day of them', () => {
    expect(bounds).toEqual({ dailyBefore: '2026-11-18T00:00:00.000Z', horizon: '2024-11-24T00:00:00.000Z' })
  })
})

describe('planCompaction', () => {
  test('a day over a week old keeps its last point per series; the last week keeps all', () => {
    const points = [
      at('2026-11-10T08:00:00.000Z'),
      at('2026-11-10T17:30:00.000Z'),
      at('2026-11-10T09:00:00.000Z'),
      at('2026-11-10T09:00:00.000Z', 'B'),
      at('2026-11-11T01:00:00.000Z'),
      // The day the last week starts in is not complete as far as compaction goes: all kept.
      at('2026-11-18T01:00:00.000Z'),
      at('2026-11-18T02:00:00.000Z'),
      at('2026-11-24T10:00:00.000Z'),
      at('2026-11-24T11:00:00.000Z'),
    ]
    expect(planCompaction(points, bounds).map((p) => p.at)).toEqual(['2026-11-10T08:00:00.000Z', '2026-11-10T09:00:00.000Z'])
  })

  test('before the two-year horizon each series keeps only its last point', () => {
    const points = [
      at('2024-01-01T10:00:00.000Z'),
      at('2024-06-01T10:00:00.000Z'),
      at('2024-06-01T12:00:00.000Z'),
      at('2024-11-25T10:00:00.000Z'),
      at('2023-05-05T05:00:00.000Z', 'B'),
    ]
    // 2024-06-01 12:00 stays: it gives A's figures at the horizon, until 2024-11-25.
    expect(planCompaction(points, bounds).map((p) => p.at).sort()).toEqual(['2024-01-01T10:00:00.000Z', '2024-06-01T10:00:00.000Z'])
  })

  test('days (YYYY-MM-DD) compact like times: each series keeps its last day before the horizon', () => {
    const days = [at('2024-11-01'), at('2024-11-20'), at('2024-12-01'), at('2024-11-02', 'B')]
    expect(planCompaction(days, bounds).map((p) => p.at)).toEqual(['2024-11-01'])
  })

  const point = fc.record({
    series: fc.constantFrom('A', 'B', 'C'),
    at: fc.integer({ min: Date.parse('2023-01-01'), max: now.getTime() }).map((t) => new Date(t).toISOString()),
  })

  test('what stays: every point of the last week, one a day per series before it, one per series before the horizon', () => {
    fc.assert(
      fc.property(fc.uniqueArray(point, { selector: (p) => `${p.series}${p.at}`, maxLength: 60 }), (points) => {
        const removed = new Set(planCompaction(points, bounds))
        const kept = points.filter((p) => !removed.has(p))
        expect(kept.filter((p) => p.at >= bounds.dailyBefore)).toEqual(points.filter((p) => p.at >= bounds.dailyBefore))
        const perDay = new Map<string, number>()
        for (const p of kept.filter((k) => k.at < bounds.dailyBefore)) perDay.set(`${p.series}${p.at.slice(0, 10)}`, (perDay.get(`${p.series}${p.at.slice(0, 10)}`) ?? 0) + 1)
        expect([...perDay.values()].every((n) => n === 1)).toBe(true)
        for (const series of ['A', 'B', 'C']) {
          expect(kept.filter((p) => p.series === series && p.at < bounds.horizon).length).toBeLessThanOrEqual(1)
          // The figures in force at any retained moment are unchanged: the latest point at or before it survives the day.
          const latest = (list: TimedPoint<string>[]) => list.filter((p) => p.series === series).map((p) => p.at).sort().at(-1)
          expect(latest(kept)).toBe(latest(points))
        }
      }),
    )
  })
})
