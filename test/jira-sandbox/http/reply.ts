// What a handler answers, before the pipeline writes it (so a fault can still mangle it).

export interface Reply {
  status: number
  headers?: Record<string, string>
  body?: string | Buffer
}

export const JSON_TYPE = 'application/json;charset=UTF-8'
export const NOT_AUTHENTICATED = 'Client must be authenticated to access this resource.'
export const INVALID_PAYLOAD =
  'Invalid request payload. Refer to the REST API documentation and try again.'

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) }
}

/** Jira's error body: `{errorMessages, errors}` (JQL errors add `warningMessages`). */
export function jiraError(
  status: number,
  messages: string[],
  extra: Record<string, unknown> = {},
): Reply {
  return json(status, { errorMessages: messages, errors: {}, ...extra })
}

export function jqlErrors(messages: string[]): Reply {
  return jiraError(400, messages, { warningMessages: [] })
}

export function text(
  status: number,
  body: string,
  contentType = 'text/plain;charset=UTF-8',
): Reply {
  return { status, headers: { 'content-type': contentType }, body }
}

/** A wrong, revoked or unknown credential on the site: plain text, as Jira Cloud sends it. */
export function siteUnauthorized(): Reply {
  return {
    ...text(401, NOT_AUTHENTICATED),
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'x-seraph-loginreason': 'AUTHENTICATED_FAILED',
    },
  }
}

/** The API gateway (api.atlassian.com) answers in its own JSON. */
export function gatewayUnauthorized(): Reply {
  return json(401, { code: 401, message: 'Unauthorized; scope does not match' })
}

export function rateLimitPage(): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Too many requests</title></head>',
    '<body><h1>429 Too Many Requests</h1>',
    '<p>You have sent too many requests in a given amount of time. Please wait and try again.</p>',
    '</body></html>',
  ].join('\n')
}
