// Failures typed by status, with Jira's messages and Retry-After read defensively.
import { jiraMessagesFrom, kindForStatus, retryAfterMs } from './errors.js'

test('statuses map to failures a caller can act on', () => {
  expect(kindForStatus(200)).toBeUndefined()
  expect(kindForStatus(204)).toBeUndefined()
  expect(kindForStatus(400)).toBe('bad_request')
  expect(kindForStatus(401)).toBe('bad_credentials')
  expect(kindForStatus(403)).toBe('forbidden')
  expect(kindForStatus(404)).toBe('not_found')
  expect(kindForStatus(429)).toBe('rate_limited')
  expect(kindForStatus(500)).toBe('unavailable')
  expect(kindForStatus(503)).toBe('unavailable')
  expect(kindForStatus(410)).toBe('unexpected_status')
  expect(kindForStatus(302)).toBe('unexpected_status')
})

test("Jira's error body is read when it is JSON, ignored when it is not", () => {
  expect(jiraMessagesFrom('{"errorMessages":["Bad JQL"],"errors":{"jql":"near AND"}}')).toEqual(['Bad JQL', 'near AND'])
  expect(jiraMessagesFrom('Client must be authenticated to access this resource.')).toEqual([])
  expect(jiraMessagesFrom('<html><body>Too many requests</body></html>')).toEqual([])
  expect(jiraMessagesFrom('null')).toEqual([])
  expect(jiraMessagesFrom('{"errorMessages":"not a list"}')).toEqual([])
})

test('Retry-After in seconds or as a date', () => {
  expect(retryAfterMs('5')).toBe(5000)
  expect(retryAfterMs('0.5')).toBe(500)
  expect(retryAfterMs(null)).toBeUndefined()
  expect(retryAfterMs('soon')).toBeUndefined()
  const now = Date.parse('2026-11-25T12:00:00Z')
  expect(retryAfterMs('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30000)
  expect(retryAfterMs('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0)
})
