/**
 * @module
 * When and how long to wait before trying a Jira request again (DESIGN.md, "Jira facts":
 * on 429 wait at least `Retry-After`, else back off from 2 s doubling to about 30 s with
 * 0.7–1.3 jitter, at most 4 retries). The maths is pure; the loop takes its sleep injected.
 */
import { JiraError } from './errors.js'

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number
  baseDelayMs: number
  maxDelayMs: number
  /** A `Retry-After` longer than this is not waited for: the caller gets `rate_limited`. */
  maxRetryAfterMs: number
  jitter: readonly [min: number, max: number]
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  jitter: [0.7, 1.3],
}

/**
 * The pause before retry number `retry` (1-based) after `error`, or `null` when it is not
 * worth retrying (a permanent fault, retries used up, or Jira asked for a longer wait than
 * the policy allows).
 */
export function retryDelay(
  error: JiraError,
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (!error.transient || retry > policy.maxRetries) return null
  const [low, high] = policy.jitter
  const factor = low + (high - low) * random()
  const backoff = Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs) * factor
  if (error.kind === 'rate_limited' && error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) return null
    // Never earlier than Jira asked; a little jitter on top spreads concurrent retries.
    return Math.max(error.retryAfterMs, 0) + Math.round(Math.max(0, factor - low) * 250)
  }
  return Math.round(backoff)
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })

export interface RetryOptions {
  policy: RetryPolicy
  sleep?: Sleep
  random?: () => number
  signal?: AbortSignal
  onRetry?: (error: JiraError, retry: number, delayMs: number) => void
}

/** Runs `attempt` until it succeeds, fails permanently, or the policy gives up. */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const pause = options.sleep ?? sleep
  for (let retry = 1; ; retry++) {
    try {
      return await attempt()
    } catch (error) {
      if (!(error instanceof JiraError)) throw error
      const delay = retryDelay(error, retry, options.policy, options.random)
      if (delay === null) throw error
      options.onRetry?.(error, retry, delay)
      await pause(delay, options.signal)
    }
  }
}
