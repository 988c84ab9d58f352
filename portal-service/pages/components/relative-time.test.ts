// Times on pages read as people say them, and never depend on the server's locale or time zone.
import { formatAgo, formatDate, formatDateTime } from './relative-time.js'

const now = new Date('2026-11-25T12:00:00Z')

test.each([
  ['2026-11-25T11:59:30Z', 'just now'],
  ['2026-11-25T11:55:00Z', '5 minutes ago'],
  ['2026-11-25T11:00:00Z', '1 hour ago'],
  ['2026-11-22T12:00:00Z', '3 days ago'],
  ['2026-09-20T12:00:00Z', '2 months ago'],
  ['2024-11-20T12:00:00Z', '2 years ago'],
  // A clock slightly ahead on another instance must not read as "in the future".
  ['2026-11-25T12:00:20Z', 'just now'],
])('%s reads "%s"', (iso, words) => {
  expect(formatAgo(iso, now)).toBe(words)
})

test('exact times say UTC, and calendar dates stay on their day', () => {
  expect(formatDateTime('2026-11-25T09:05:00Z')).toBe('25 Nov 2026, 09:05 UTC')
  expect(formatDate('2027-03-31')).toBe('31 Mar 2027')
  expect(formatDate(null)).toBe('—')
})
