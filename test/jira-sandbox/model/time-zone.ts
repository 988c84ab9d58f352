// Time-zone arithmetic with Intl only: Jira renders dates and reads JQL dates in the user's zone.

const formatters = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, number>()
const BUCKET_MS = 15 * 60 * 1000

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

/** Minutes the zone is ahead of UTC at that instant (Amsterdam in winter: 60). */
export function offsetMinutes(timeZone: string, epochMs: number): number {
  // Offsets only change on quarter hours, so a bucket cache is exact and keeps rendering cheap.
  const cacheKey = `${timeZone}|${Math.floor(epochMs / BUCKET_MS)}`
  const cached = offsets.get(cacheKey)
  if (cached !== undefined) return cached
  const at = Math.floor(epochMs / BUCKET_MS) * BUCKET_MS
  const parts: Record<string, number> = {}
  for (const part of formatter(timeZone).formatToParts(new Date(at))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  )
  const minutes = Math.round((asUtc - at) / 60000)
  if (offsets.size > 50_000) offsets.clear()
  offsets.set(cacheKey, minutes)
  return minutes
}

/** The instant of a wall-clock time in a zone (the earlier one when a DST change makes two). */
export function wallClockToEpoch(
  timeZone: string,
  y: number,
  month: number,
  d: number,
  h: number,
  min: number,
): number {
  const guess = Date.UTC(y, month - 1, d, h, min)
  const first = guess - offsetMinutes(timeZone, guess) * 60000
  const second = guess - offsetMinutes(timeZone, first) * 60000
  return Math.min(first, second)
}

/** Jira's format: `2026-11-25T10:00:00.000+0100`, in the given zone. */
export function formatJiraDate(epochMs: number, timeZone: string): string {
  const offset = offsetMinutes(timeZone, epochMs)
  const local = new Date(epochMs + offset * 60000).toISOString().slice(0, 23)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${local}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
