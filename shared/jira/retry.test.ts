// Backoff with jitter, Retry-After, and the retry loop.
import { JiraError } from './errors.js'
import { DEFAULT_RETRY_POLICY, retryDelay, withRetry } from './retry.js'

const unavailable = new JiraError('unavailable', 'down', { status: 503 })
const policy = DEFAULT_RETRY_POLICY

test('backs off from 2 s doubling to 30 s, with 0.7–1.3 jitter', () => {
  const low = () => 0
  const high = () => 1
  expect([1, 2, 3, 4].map((n) => retryDelay(unavailable, n, policy, low))).toEqual([1400, 2800, 5600, 11200])
  expect([1, 2, 3, 4].map((n) => retryDelay(unavailable, n, policy, high))).toEqual([2600, 5200, 10400, 20800])
  const capped = { ...policy, maxRetries: 10 }
  expect(retryDelay(unavailable, 6, capped, high)).toBe(39000)
  expect(retryDelay(unavailable, 6, capped, low)).toBe(21000)
})

test('gives up after four retries', () => {
  expect(retryDelay(unavailable, 5, policy, () => 0.5)).toBeNull()
})

test('never retries a permanent fault', () => {
  for (const kind of ['bad_credentials', 'forbidden', 'not_found', 'bad_request', 'invalid_response', 'unreachable'] as const) {
    expect(retryDelay(new JiraError(kind, kind), 1, policy)).toBeNull()
  }
})

test('waits at least as long as Retry-After asks', () => {
  const limited = new JiraError('rate_limited', 'slow down', { status: 429, retryAfterMs: 7000 })
  for (const r of [0, 0.5, 1]) {
    const delay = retryDelay(limited, 1, policy, () => r)!
    expect(delay).toBeGreaterThanOrEqual(7000)
    expect(delay).toBeLessThan(7500)
  }
})

test('does not wait for a Retry-After longer than the policy allows', () => {
  const long = new JiraError('rate_limited', 'slow down', { status: 429, retryAfterMs: 3_600_000 })
  expect(retryDelay(long, 1, policy)).toBeNull()
})

test('a 429 without Retry-After backs off like any transient fault', () => {
  const limited = new JiraError('rate_limited', 'slow down', { status: 429 })
  expect(retryDelay(limited, 2, policy, () => 0)).toBe(2800)
})

test('the loop retries transient faults and returns the first success', async () => {
  const waits: number[] = []
  let calls = 0
  const result = await withRetry(
    async () => {
      calls++
      if (calls < 3) throw unavailable
      return 'ok'
    },
    { policy, sleep: async (ms) => void waits.push(ms), random: () => 0 },
  )
  expect(result).toBe('ok')
  expect(calls).toBe(3)
  expect(waits).toEqual([1400, 2800])
})

test('the loop stops at the first permanent fault and rethrows it', async () => {
  let calls = 0
  const denied = new JiraError('bad_credentials', 'no')
  await expect(
    withRetry(
      async () => {
        calls++
        throw denied
      },
      { policy, sleep: async () => undefined },
    ),
  ).rejects.toBe(denied)
  expect(calls).toBe(1)
})

test('the loop gives up after the last retry with the last error', async () => {
  let calls = 0
  await expect(
    withRetry(
      async () => {
        calls++
        throw unavailable
      },
      { policy, sleep: async () => undefined },
    ),
  ).rejects.toBe(unavailable)
  expect(calls).toBe(5)
})
