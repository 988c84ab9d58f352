/**
 * @module
 * A 429 limits the account (or the Forge app), not the one request that met it: once Jira asks
 * to retry after a while, no other request of the same client is sent before then, instead of
 * each collecting a 429 of its own. A pause longer than the client waits fails them at once,
 * without a call, as the request that met the 429 did.
 */
import { JiraError, failureSummary } from './errors.js'
import { sleep as realSleep, type Sleep } from './retry.js'

export interface RateLimitPauseOptions {
  /** The longest pause waited out; the retry policy's `maxRetryAfterMs`. */
  maxWaitMs: number
  sleep?: Sleep
  signal?: AbortSignal
}

export class RateLimitPause {
  /** When the last Retry-After ends (epoch ms). */
  #until = 0

  constructor(readonly options: RateLimitPauseOptions) {}

  /** Sends once any pause has passed; a 429 with Retry-After that `send` meets pauses the client. */
  async around<T>(send: () => Promise<T>, path?: string): Promise<T> {
    const waitMs = this.#until - Date.now()
    if (waitMs > 0) {
      if (waitMs > this.options.maxWaitMs) {
        throw new JiraError('rate_limited', `${failureSummary('rate_limited')} (waiting out an earlier Retry-After)`, { path, retryAfterMs: waitMs })
      }
      await (this.options.sleep ?? realSleep)(waitMs, this.options.signal)
    }
    try {
      return await send()
    } catch (error) {
      if (error instanceof JiraError && error.kind === 'rate_limited' && error.retryAfterMs !== undefined) {
        this.#until = Math.max(this.#until, Date.now() + error.retryAfterMs)
      }
      throw error
    }
  }
}
