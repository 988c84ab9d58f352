// Burn-up points: one per day whose figures changed, from the figures in force on the first day.
import { burnUp } from './burn-up.js'
import type { Figures } from './forecast.js'

const day = (date: string, todo: number, inProgress: number, done: number, pointsDone = 0, pointsTotal = 0): Figures & { day: string } => ({
  day: date,
  todo,
  inProgress,
  done,
  pointsInProgress: 0,
  pointsDone,
  pointsTotal,
})

test('the day before the range is carried to its start; unchanged days are left out', () => {
  const days = [day('2026-10-30', 8, 2, 0), day('2026-11-02', 7, 2, 1), day('2026-11-03', 7, 2, 1, 5, 20), day('2026-11-05', 6, 2, 4), day('2026-11-30', 0, 0, 12)]
  expect(burnUp(days, 'count', '2026-11-01', '2026-11-10')).toEqual([
    { date: '2026-11-01', scope: 10, done: 0, inProgress: 2 },
    { date: '2026-11-02', scope: 10, done: 1, inProgress: 2 },
    { date: '2026-11-05', scope: 12, done: 4, inProgress: 2 },
  ])
  // By points the 3rd changed (an estimate was added) and the others did not.
  expect(burnUp(days, 'points', '2026-11-01', '2026-11-10')).toEqual([
    { date: '2026-11-01', scope: 0, done: 0, inProgress: 0 },
    { date: '2026-11-03', scope: 20, done: 5, inProgress: 0 },
    { date: '2026-11-05', scope: 0, done: 0, inProgress: 0 },
  ])
})

test('a day on the range’s start replaces the carried one; nothing before the initiative existed', () => {
  expect(burnUp([day('2026-10-30', 1, 0, 0), day('2026-11-01', 1, 0, 1)], 'count', '2026-11-01', '2026-11-01')).toEqual([{ date: '2026-11-01', scope: 2, done: 1, inProgress: 0 }])
  expect(burnUp([], 'count', '2026-11-01', '2026-11-30')).toEqual([])
})
