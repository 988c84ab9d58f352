/**
 * @module
 * Calls one operation of the Forge app's web trigger: signs the body with the shared secret
 * (HMAC over timestamp, request id and body; a fresh id per attempt), POSTs it through the
 * portal's safe fetch (the same SSRF rules as Jira sites), parses the answer with the contract's
 * schemas, and turns failures into the `JiraError` the portal would have met talking to Jira:
 * the app's own kind, or from the status when the answer is not the contract's (401 = wrong secret).
 */
import { operationFailureSchema, refusalSchema, successSchema, type OperationFailure } from '../../shared/contract/answers.js'
import { portalRequest, type OperationData, type OperationName, type OperationParams } from '../../shared/contract/operations.js'
import { signRequest } from '../../shared/contract/signing.js'
import type { JiraRequestEvent } from '../../shared/jira/client.js'
import { JiraError, failureSummary, networkFailureKind, retryAfterMs, type JiraFailureKind } from '../../shared/jira/errors.js'
import { Limiter } from '../../shared/jira/limiter.js'
import { RateLimitPause } from '../../shared/jira/rate-limit-pause.js'
import type { FetchFunction, JiraResponse } from '../../shared/jira/requester.js'
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from '../../shared/jira/retry.js'
import { ForgeAppMismatchError, ForgeNotAllowedError, ForgeSecretRejectedError } from './forge-errors.js'

export interface WebTriggerTarget {
  webTriggerUrl: string
  /** The secret the Forge app generated; it never leaves this process except as signatures. */
  secret: string
}

export interface WebTriggerClientOptions {
  fetch: FetchFunction
  timeoutMs: number
  retry: RetryPolicy
  maxConcurrency: number
  signal?: AbortSignal
  onRequest?: (event: JiraRequestEvent) => void
}

function fromFailure(failure: OperationFailure['error'], status: number): JiraError {
  if (failure.kind === 'not_allowed') {
    return new JiraError('forbidden', failure.message, { status, cause: new ForgeNotAllowedError(failure.message) })
  }
  return new JiraError(failure.kind, failure.message, {
    status,
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    ...(failure.jiraMessages ? { jiraMessages: failure.jiraMessages } : {}),
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** What an answer that is not a success means, decided on the envelope first and the status second. */
function failureOf(response: JiraResponse, json: unknown, operation: string): JiraError {
  const status = response.status
  const failure = operationFailureSchema.safeParse(json)
  if (failure.success) return fromFailure(failure.data.error, status)
  if (status === 401) return new JiraError('bad_credentials', 'The Forge app refused the signature (HTTP 401)', { status, cause: new ForgeSecretRejectedError() })
  if (status === 429) {
    return new JiraError('rate_limited', 'The Forge platform is rate limiting the web trigger (HTTP 429)', { status, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) })
  }
  if (status >= 500) return new JiraError('unavailable', `The Forge app failed (HTTP ${status})`, { status })
  const refusal = refusalSchema.safeParse(json)
  const why = refusal.success ? `it refused ${operation}: ${refusal.data.error.message}` : `HTTP ${status} to ${operation}`
  return new JiraError('invalid_response', `The web trigger did not answer as the contract says (${why})`, { status, cause: new ForgeAppMismatchError(why) })
}

/** Sends contract operations to one web trigger, with the portal's retry policy and concurrency bound. */
export class WebTriggerClient {
  readonly #limiter: Limiter
  readonly #pause: RateLimitPause

  constructor(
    private readonly target: WebTriggerTarget,
    private readonly options: WebTriggerClientOptions,
  ) {
    this.#limiter = new Limiter(options.maxConcurrency)
    this.#pause = new RateLimitPause({ maxWaitMs: options.retry.maxRetryAfterMs, signal: options.signal })
  }

  call<K extends OperationName>(operation: K, params: OperationParams<K>): Promise<OperationData<K>> {
    const attempt = () => this.#limiter.run(() => this.#pause.around(() => this.#attempt(operation, params), `web-trigger:${operation}`))
    return withRetry(attempt, {
      policy: this.options.retry,
      signal: this.options.signal,
    })
  }

  async #attempt<K extends OperationName>(operation: K, params: OperationParams<K>): Promise<OperationData<K>> {
    const started = Date.now()
    let status: number | null = null
    const report = (failure?: JiraFailureKind) =>
      this.options.onRequest?.({ method: 'POST', path: `web-trigger:${operation}`, status, durationMs: Date.now() - started, ...(failure ? { failure } : {}) })
    const controller = new AbortController()
    const outer = this.options.signal
    const onOuterAbort = () => controller.abort(outer?.reason)
    outer?.addEventListener('abort', onOuterAbort, { once: true })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, this.options.timeoutMs)
    try {
      const body = portalRequest(operation, params)
      const signed = await signRequest(this.target.secret, body)
      let response: JiraResponse
      let text: string
      try {
        response = await this.options.fetch(this.target.webTriggerUrl, {
          method: 'POST',
          headers: { ...signed, 'Content-Type': 'application/json', Accept: 'application/json' },
          body,
          signal: controller.signal,
          redirect: 'manual',
        })
        status = response.status
        text = await response.text()
      } catch (error) {
        if (outer?.aborted) throw error
        if (timedOut) throw new JiraError('timeout', `${failureSummary('timeout')} (the web trigger, ${this.options.timeoutMs} ms)`, { cause: error })
        const kind = networkFailureKind(error)
        throw new JiraError(kind, kind === 'unreachable' ? 'The Forge app’s web trigger cannot be reached' : 'The connection to the web trigger dropped', { cause: error })
      }
      const json = parseJson(text)
      if (status === 200) {
        const success = successSchema(operation).safeParse(json)
        if (success.success) {
          report()
          return success.data.data as OperationData<K>
        }
      }
      throw failureOf(response, json, operation)
    } catch (error) {
      report(error instanceof JiraError ? error.kind : undefined)
      throw error
    } finally {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onOuterAbort)
    }
  }
}

/** The retry policy for web trigger calls: the transport's, with any per-source override. */
export function webTriggerRetryPolicy(...overrides: Array<Partial<RetryPolicy> | undefined>): RetryPolicy {
  return Object.assign({}, DEFAULT_RETRY_POLICY, ...overrides.filter(Boolean))
}
