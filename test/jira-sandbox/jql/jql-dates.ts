// JQL date values: absolute dates in the searching user's time zone, or periods relative to the clock.
import { wallClockToEpoch } from '../model/time-zone.js'
import { JqlError } from './jql-error.js'

const UNIT_MS: Record<string, number> = {
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
}
const ABSOLUTE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/
const PERIOD = /^([-+]?)\s*((?:\d+\s*[wdhm]\s*)+)$/i

/** The instant a JQL date value stands for, or a JqlError with Jira's message. */
export function parseJqlDate(text: string, field: string, now: number, timeZone: string): number {
  const value = text.trim()
  const absolute = ABSOLUTE.exec(value)
  if (absolute) {
    const [, y, , mo, d, h, mi] = absolute
    const year = Number(y)
    const month = Number(mo)
    const day = Number(d)
    const hour = h === undefined ? 0 : Number(h)
    const minute = mi === undefined ? 0 : Number(mi)
    const probe = new Date(Date.UTC(year, month - 1, day))
    if (
      probe.getUTCMonth() === month - 1 &&
      probe.getUTCDate() === day &&
      hour < 24 &&
      minute < 60
    ) {
      return wallClockToEpoch(timeZone, year, month, day, hour, minute)
    }
  }
  const period = PERIOD.exec(value)
  if (period) {
    let total = 0
    for (const [, amount, unit] of period[2]!.matchAll(/(\d+)\s*([wdhm])/gi)) {
      total += Number(amount) * UNIT_MS[unit!.toLowerCase()]!
    }
    return period[1] === '-' ? now - total : now + total
  }
  throw new JqlError([
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  ])
}
