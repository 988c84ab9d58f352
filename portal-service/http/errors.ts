// The API's one error family, its JSON shape, and the mapping of every failure to a response.
import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from '../log/logger.js'
import type { AppEnv } from './app-env.js'

/** Codes clients can branch on; the message is for people. New codes may be added. */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'body_too_large'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'csrf_failed'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'email_taken'
  | 'company_exists'
  | 'already_member'
  | 'last_manager'
  | 'last_site_admin'
  | 'stage_in_use'
  | 'edit_conflict'
  | 'unprocessable'
  | 'invalid_stage'
  | 'invalid_owner'
  | 'invalid_dates'
  | 'wrong_password'
  | 'too_many_attempts'
  | 'internal_error'

/** Thrown anywhere below the routes; `app.onError` turns it into `{error:{code,message,details}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode | (string & {}),
    message: string,
    readonly details: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const notFound = (what = 'Resource') => new ApiError(404, 'not_found', `${what} not found.`)
export const forbidden = (message = 'You are not allowed to do that.') =>
  new ApiError(403, 'forbidden', message)
export const unauthenticated = () =>
  new ApiError(401, 'unauthenticated', 'Sign in, or send a personal access token.')

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().openapi({ description: 'Machine-readable specifics, or null.' }),
    }),
  })
  .openapi('Error')

export type ErrorBody = z.infer<typeof ErrorSchema>

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (`validation_failed`, `malformed_json`)',
  401: 'Not signed in (`unauthenticated`)',
  403: 'Not allowed (`forbidden`, `csrf_failed`)',
  404: 'Not found, or not visible to you (`not_found`)',
  409: 'Conflicts with the current state',
  413: 'Body larger than 1 MB (`body_too_large`)',
  415: 'Body is not JSON (`unsupported_media_type`)',
  422: 'Well-formed but not acceptable',
  429: 'Too many attempts (`too_many_attempts`); see `Retry-After`',
}

/**
 * The `responses` entries for the error statuses a route documents, all with the shared schema.
 * @example responses: { 200: ..., ...errorResponses(400, 401, 404) }
 */
export function errorResponses<const S extends number>(...statuses: S[]) {
  const entries = statuses.map((status) => [
    status,
    {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  ])
  return Object.fromEntries(entries) as {
    [K in S]: {
      description: string
      content: { 'application/json': { schema: typeof ErrorSchema } }
    }
  }
}

/** Zod issues as the `details` of a 400: where, what, and zod's code. */
export function validationDetails(error: z.ZodError, target?: string) {
  return {
    ...(target ? { target } : {}),
    issues: error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
      code: issue.code,
    })),
  }
}

function body(code: string, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } }
}

// Hono and its validators signal these through HTTPException; we give them our codes.
function fromHttpException(error: HTTPException): ApiError {
  if (error.status === 400 && /json/i.test(error.message)) {
    return new ApiError(400, 'malformed_json', 'The request body is not valid JSON.')
  }
  if (error.status === 413)
    return new ApiError(413, 'body_too_large', 'The request body is too large.')
  if (error.status === 415) {
    return new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.')
  }
  if (error.status === 401) return unauthenticated()
  if (error.status === 400) return new ApiError(400, 'validation_failed', 'The request is invalid.')
  return new ApiError(
    error.status as ContentfulStatusCode,
    'http_error',
    error.message || 'Request failed.',
  )
}

/**
 * `app.onError`: known failures become their documented 4xx; anything else a 500 whose body
 * says nothing (no message, no stack) and whose cause goes to the log.
 */
export const createErrorHandler =
  (log: Logger) =>
  (error: Error, c: Context<AppEnv>): Response => {
    const known =
      error instanceof ApiError
        ? error
        : error instanceof HTTPException
          ? fromHttpException(error)
          : error instanceof z.ZodError
            ? new ApiError(
                400,
                'validation_failed',
                'The request is invalid.',
                validationDetails(error),
              )
            : null
    if (known) {
      for (const [name, value] of Object.entries(known.headers)) c.header(name, value)
      return c.json(body(known.code, known.message, known.details), known.status)
    }
    // Before the request logger is set (or if it is missing), fall back to the app's.
    const requestLog = (c.get('log') as Logger | undefined) ?? log
    requestLog.error('unhandled error', { error, method: c.req.method, path: c.req.path })
    return c.json(body('internal_error', 'Something went wrong on our side.'), 500)
  }

/** `app.notFound`: unknown routes answer like unknown ids. */
export function handleNotFound(c: Context<AppEnv>): Response {
  return c.json(body('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404)
}
