// After a 429 the whole client waits, and a wait longer than it may fails at once.
import { JiraError } from './errors.js'
import { RateLimitPause } from './rate-limit-pause.js'

const limited = (retryAfterMs?: number) => new JiraError('rate_limited', 'Jira is rate limiting', retryAfterMs === undefined ? {} : { retryAfterMs })

test('a 429 with Retry-After makes the next send wait about that long first', async () => {
  const waits: number[] = []
  const pause = new RateLimitPause({ maxWaitMs: 60_000, sleep: async (ms) => void waits.push(ms) })
  await expect(pause.around(() => Promise.reject(limited(5_000)))).rejects.toThrow(JiraError)
  expect(await pause.around(async () => 'sent')).toBe('sent')
  expect(waits).toHaveLength(1)
  expect(waits[0]).toBeGreaterThan(4_900)
  expect(waits[0]).toBeLessThanOrEqual(5_000)
})

test('other failures, and a 429 without Retry-After, pause nothing', async () => {
  const waits: number[] = []
  const pause = new RateLimitPause({ maxWaitMs: 60_000, sleep: async (ms) => void waits.push(ms) })
  await expect(pause.around(() => Promise.reject(new JiraError('unavailable', 'Jira is unavailable')))).rejects.toThrow()
  await expect(pause.around(() => Promise.reject(limited()))).rejects.toThrow()
  await pause.around(async () => 'sent')
  expect(waits).toEqual([])
})

test('a pause longer than the client waits fails the next send at once, without sending it', async () => {
  const pause = new RateLimitPause({ maxWaitMs: 1_000, sleep: async () => undefined })
  await expect(pause.around(() => Promise.reject(limited(120_000)))).rejects.toThrow()
  let sent = false
  const error = await pause.around(async () => (sent = true), '/rest/api/3/myself').catch((e: unknown) => e)
  expect(sent).toBe(false)
  expect(error).toMatchObject({ kind: 'rate_limited', path: '/rest/api/3/myself' })
  expect((error as JiraError).retryAfterMs).toBeGreaterThan(110_000)
})
