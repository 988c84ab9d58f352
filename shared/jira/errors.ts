/**
 * @module
 * Typed Jira failures a caller can act on. They know nothing about HTTP answers of our own:
 * the portal and the Forge app each map them to what their users see.
 */

export const JIRA_FAILURE_KINDS = [
  'bad_credentials', // 401: wrong, expired or revoked token (or a scoped token used on the site URL)
  'forbidden', // 403: the account lacks a permission
  'not_found', // 404
  'bad_request', // 400: e.g. JQL Jira refused; `jiraMessages` says why
  'rate_limited', // 429 after the retries allowed; `retryAfterMs` is what Jira asked for
  'unavailable', // 5xx or a connection dropped mid-answer
  'timeout', // no answer within the request timeout
  'unreachable', // DNS failure, connection refused, TLS failure: the site cannot be reached
  'invalid_response', // an answer we do not understand (not JSON, wrong shape)
  'unexpected_status', // any other status
] as const

export type JiraFailureKind = (typeof JIRA_FAILURE_KINDS)[number]

/** Faults worth trying again after a pause; the others will fail the same way. */
export const TRANSIENT_KINDS: ReadonlySet<JiraFailureKind> = new Set([
  'rate_limited',
  'unavailable',
  'timeout',
])

export interface JiraErrorDetails {
  status?: number
  /** `errorMessages` and `errors` values from Jira's error body, when it sent JSON. */
  jiraMessages?: string[]
  retryAfterMs?: number
  path?: string
  cause?: unknown
}

export class JiraError extends Error {
  readonly kind: JiraFailureKind
  readonly status: number | undefined
  readonly jiraMessages: string[]
  readonly retryAfterMs: number | undefined
  readonly path: string | undefined

  constructor(kind: JiraFailureKind, message: string, details: JiraErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'JiraError'
    this.kind = kind
    this.status = details.status
    this.jiraMessages = details.jiraMessages ?? []
    this.retryAfterMs = details.retryAfterMs
    this.path = details.path
  }

  get transient(): boolean {
    return TRANSIENT_KINDS.has(this.kind)
  }
}

export function isJiraError(error: unknown, kind?: JiraFailureKind): error is JiraError {
  return error instanceof JiraError && (kind === undefined || error.kind === kind)
}

/**
 * Reads `errorMessages`/`errors` from an error body. Jira's error bodies may be JSON, plain
 * text or HTML (a 401 or 429 often is), so callers decide on the status, never on this.
 */
export function jiraMessagesFrom(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body)
    if (!parsed || typeof parsed !== 'object') return []
    const record = parsed as { errorMessages?: unknown; errors?: unknown }
    const messages = Array.isArray(record.errorMessages)
      ? record.errorMessages.filter((m): m is string => typeof m === 'string')
      : []
    if (record.errors && typeof record.errors === 'object') {
      for (const value of Object.values(record.errors)) if (typeof value === 'string') messages.push(value)
    }
    return messages
  } catch {
    return []
  }
}

/** A request that got no answer: a dropped connection is worth retrying, an unreachable host is not. */
export function networkFailureKind(error: unknown): JiraFailureKind {
  const code = (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED') {
    return 'unavailable'
  }
  return 'unreachable'
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds; undefined if absent or unusable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined
  const trimmed = header.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

const KIND_BY_STATUS: Record<number, JiraFailureKind> = {
  400: 'bad_request',
  401: 'bad_credentials',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
}

/** The failure an HTTP status stands for; `undefined` for 2xx. */
export function kindForStatus(status: number): JiraFailureKind | undefined {
  if (status >= 200 && status < 300) return undefined
  if (status >= 500) return 'unavailable'
  return KIND_BY_STATUS[status] ?? 'unexpected_status'
}

const SUMMARY: Record<JiraFailureKind, string> = {
  bad_credentials: 'Jira rejected the account email or API token',
  forbidden: 'The Jira account lacks permission for this',
  not_found: 'Jira has no such resource',
  bad_request: 'Jira refused the request',
  rate_limited: 'Jira is rate limiting requests',
  unavailable: 'Jira is unavailable',
  timeout: 'Jira did not answer in time',
  unreachable: 'The Jira site cannot be reached',
  invalid_response: 'Jira answered in a way we do not understand',
  unexpected_status: 'Jira answered with an unexpected status',
}

export function failureSummary(kind: JiraFailureKind): string {
  return SUMMARY[kind]
}
