/**
 * @module
 * API-token mode: the shared reader over HTTP Basic (account email + API token), straight to
 * the site, or through Atlassian's API gateway for scoped tokens (they only work there).
 */
import { JiraClient, type JiraRequestEvent } from '../../shared/jira/client.js'
import { JiraReader } from '../../shared/jira/reader.js'
import { createBasicAuthRequester, type FetchFunction } from '../../shared/jira/requester.js'
import type { RetryPolicy } from '../../shared/jira/retry.js'
import type { SiteFacts } from '../../shared/jira/site-facts.js'
import type { AuthRoute } from './jira-connection.table.js'

/** How the portal reaches Jira sites: the HTTP client and its limits. */
export interface JiraTransport {
  fetch: FetchFunction
  /** `https://api.atlassian.com` in production; the sandbox in tests. */
  gatewayUrl: string
  timeoutMs?: number
  /**
   * Per call to a Forge app's web trigger, which may itself wait on Jira for up to its budget
   * (web triggers run 55 s at most). Default 60 s.
   */
  webTriggerTimeoutMs?: number
  retry?: Partial<RetryPolicy>
  maxConcurrency?: number
}

export interface ApiTokenTarget {
  siteUrl: string
  authRoute: AuthRoute
  cloudId: string | null
  accountEmail: string
  apiToken: string
}

export interface SourceOptions {
  facts?: SiteFacts
  onRequest?: (event: JiraRequestEvent) => void
  signal?: AbortSignal
  /** Overrides the transport's policy, e.g. fewer retries while a person waits on a form. */
  retry?: Partial<RetryPolicy>
}

/** Where REST calls go: the site itself, or the gateway path of its cloud id. */
export function apiBaseUrl(target: Pick<ApiTokenTarget, 'siteUrl' | 'authRoute' | 'cloudId'>, gatewayUrl: string): string {
  if (target.authRoute === 'gateway') {
    if (!target.cloudId) throw new Error('A gateway connection needs the site cloud id')
    return `${gatewayUrl.replace(/\/+$/, '')}/ex/jira/${encodeURIComponent(target.cloudId)}`
  }
  return target.siteUrl
}

export function createApiTokenSource(target: ApiTokenTarget, transport: JiraTransport, options: SourceOptions = {}): JiraReader {
  const requester = createBasicAuthRequester({
    baseUrl: apiBaseUrl(target, transport.gatewayUrl),
    email: target.accountEmail,
    apiToken: target.apiToken,
    fetch: transport.fetch,
  })
  const client = new JiraClient({
    requester,
    timeoutMs: transport.timeoutMs,
    retry: { ...transport.retry, ...options.retry },
    maxConcurrency: transport.maxConcurrency,
    onRequest: options.onRequest,
    signal: options.signal,
  })
  return new JiraReader(client, { facts: options.facts })
}
