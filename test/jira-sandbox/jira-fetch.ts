// Test helper: one HTTP call to the sandbox with Basic credentials, the body read as text and JSON.

export interface Credentials {
  email: string
  token: string
}

export interface JiraResponse {
  status: number
  headers: Headers
  text: string
  /** The body parsed as JSON (throws when it is not JSON). */
  json: any
}

export interface CallOptions {
  method?: string
  body?: unknown
  auth?: Credentials | null
  headers?: Record<string, string>
  signal?: AbortSignal
}

export function basic({ email, token }: Credentials): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`
}

export async function call(url: string, options: CallOptions = {}): Promise<JiraResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  if (options.auth) headers.authorization = basic(options.auth)
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const response = await fetch(url, {
    method: options.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    signal: options.signal ?? null,
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    get json() {
      return JSON.parse(text)
    },
  }
}

/** `call` bound to a base URL and an account. */
export function client(base: string, auth: Credentials | null) {
  return {
    get: (path: string, options: Omit<CallOptions, 'auth'> = {}) =>
      call(`${base}${path}`, { ...options, auth }),
    post: (path: string, body: unknown, options: Omit<CallOptions, 'auth' | 'body'> = {}) =>
      call(`${base}${path}`, { ...options, method: 'POST', body, auth }),
  }
}
