/**
 * @module
 * An initiative's burn-up from its daily history, pure: scope, done and in progress in the
 * chosen basis for each day in a range on which they changed, starting from the figures in
 * force on its first day.
 */
import { measure, type Basis, type Figures } from './forecast.js'

export interface BurnUpPoint {
  /** `YYYY-MM-DD`: the figures at the end of that day (or as they stand, for today). */
  date: string
  scope: number
  done: number
  inProgress: number
}

/**
 * @param days the initiative's days in time order: at most one before `from` (carried to
 *   `from`), then those in [from, to]. Days after `to` are ignored.
 * @returns one point per day whose figures differ from the previous point's, the first day
 *   always included.
 */
export function burnUp(days: readonly (Figures & { day: string })[], basis: Basis, from: string, to: string): BurnUpPoint[] {
  const points: BurnUpPoint[] = []
  for (const day of days) {
    if (day.day > to) break
    const point = { date: day.day < from ? from : day.day, ...measure(day, basis) }
    const last = points.at(-1)
    if (last?.date === point.date) points[points.length - 1] = point
    else if (!last || last.scope !== point.scope || last.done !== point.done || last.inProgress !== point.inProgress) points.push(point)
  }
  return points
}
