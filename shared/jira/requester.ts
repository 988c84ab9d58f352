/**
 * @module
 * The port the Jira client talks through: one function that sends a request to a path of
 * a Jira site and answers with a fetch-like response. Basic-auth `fetch` in the portal and
 * Forge's `requestJira` in the app both fit it, so the same client runs on both sides.
 */

/** The slice of a fetch `Response` the client reads (Forge's `APIResponse` has it too). */
export interface JiraResponse {
  readonly status: number
  readonly headers: { get(name: string): string | null }
  text(): Promise<string>
}

export interface JiraRequestInit {
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
  signal?: AbortSignal
}

/** Sends `init` to `path` (absolute path with query, e.g. `/rest/api/3/myself`) on one Jira site. */
export type Requester = (path: string, init: JiraRequestInit) => Promise<JiraResponse>

/** The `fetch` shape a Basic-auth requester needs; the portal passes one that refuses unsafe hosts. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<JiraResponse>

export interface BasicAuthRequesterOptions {
  /** Base URL of the site or of the API gateway, e.g. `https://acme.atlassian.net`. */
  baseUrl: string
  email: string
  apiToken: string
  fetch?: FetchFunction
}

/** Encodes `email:token` as Jira's HTTP Basic scheme expects (UTF-8, then base64). */
export function basicAuthorization(email: string, apiToken: string): string {
  const bytes = new TextEncoder().encode(`${email}:${apiToken}`)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}

/** A requester that sends every request to `baseUrl` with the account's email and API token. */
export function createBasicAuthRequester(options: BasicAuthRequesterOptions): Requester {
  const base = options.baseUrl.replace(/\/+$/, '')
  const authorization = basicAuthorization(options.email, options.apiToken)
  const send = options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init))
  return (path, init) =>
    send(`${base}${path}`, {
      method: init.method,
      headers: { ...init.headers, Authorization: authorization },
      body: init.body,
      signal: init.signal,
      // Redirects are the caller's decision (a redirect must never carry the token elsewhere).
      redirect: 'manual',
    })
}
