// Times as people read them ("5 minutes ago"), with the exact time for hover and for assistive tech.
import type { FC } from 'hono/jsx'
import { plural } from '../../plural.js'

const UNITS: [limitSeconds: number, seconds: number, unit: string][] = [
  [60, 1, 'second'],
  [3600, 60, 'minute'],
  [86_400, 3600, 'hour'],
  [86_400 * 30, 86_400, 'day'],
  [86_400 * 365, 86_400 * 30, 'month'],
  [Number.POSITIVE_INFINITY, 86_400 * 365, 'year'],
]

/** "just now", "5 minutes ago", "3 days ago"; times slightly in the future read as "just now". */
export function formatAgo(iso: string, now: Date): string {
  const seconds = Math.floor((now.getTime() - Date.parse(iso)) / 1000)
  if (seconds < 45) return 'just now'
  for (const [limit, size, unit] of UNITS) {
    if (seconds < limit) {
      const n = Math.max(1, Math.floor(seconds / size))
      return `${plural(n, unit)} ago`
    }
  }
  return iso
}

// Spelled out here rather than asked of Intl: ICU versions disagree ("Sep" or "Sept").
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number) => String(n).padStart(2, '0')

/** "25 Nov 2026, 09:00 UTC": one unambiguous form, whatever the server's locale. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`
}

/** A calendar date (YYYY-MM-DD) as "1 Dec 2026". */
export function formatDate(date: string | null): string {
  if (!date) return '—'
  const d = new Date(`${date}T00:00:00Z`)
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

export const RelativeTime: FC<{ iso: string | null; now: Date; never?: string }> = ({ iso, now, never }) =>
  iso ? (
    <time datetime={iso} title={formatDateTime(iso)}>
      {formatAgo(iso, now)}
    </time>
  ) : (
    <span>{never ?? 'never'}</span>
  )
