// What the OpenAPI document says about the API as a whole: title, how to authenticate.
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.js'

export const API_TITLE = 'Portfolio Bridge API'
export const API_VERSION = '1.0.0'

const DESCRIPTION = `The portal's HTTP API. Sign in with \`POST /api/session\` (a session cookie plus a CSRF token to send as \`X-CSRF-Token\` on every change), or send a personal access token as \`Authorization: Bearer <token>\` (create one with \`POST /api/me/tokens\`).

Errors are \`{"error": {"code", "message", "details"}}\`: 400 \`validation_failed\`/\`malformed_json\`, 401 \`unauthenticated\`, 403 \`forbidden\`/\`csrf_failed\`, 404 \`not_found\` (also for portfolios you are not a member of), 409 conflicts, 413 \`body_too_large\`, 422 rule violations, 429 \`too_many_attempts\`.`

export type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPIDocument']>

/** Registers the security schemes routes refer to; call once on the root app. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'pb_session',
    description: 'Set by POST /api/session. Changes also need the X-CSRF-Token header.',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal access token (pbt_…) from POST /api/me/tokens.',
  })
}

const UNSAFE_METHODS = new Set(['post', 'put', 'patch', 'delete'])

// What the app-wide middleware (app.ts) may answer on any route, whatever the route declares.
const MIDDLEWARE_ANSWERS: Record<'any' | 'unsafe' | 'jsonBody', Record<number, string>> = {
  any: { 401: 'Not signed in, or a bearer token that is invalid or revoked (`unauthenticated`)' },
  unsafe: {
    403: 'A cookie-authenticated change without the CSRF token, or from another site (`csrf_failed`)',
    413: 'Body larger than 1 MB (`body_too_large`)',
  },
  jsonBody: {
    400: 'Invalid input (`validation_failed`, `malformed_json`)',
    415: 'Body is not JSON (`unsupported_media_type`)',
  },
}

type Operation = { requestBody?: { content?: Record<string, unknown> }; responses?: Record<string, unknown> }

/**
 * Lists on every operation the errors the app-wide middleware can answer with (bearer check,
 * CSRF, body limit, JSON parsing), so a client can rely on each operation's own list.
 */
function documentMiddlewareAnswers(document: OpenApiDocument): OpenApiDocument {
  for (const item of Object.values(document.paths ?? {})) {
    for (const [method, value] of Object.entries(item as Record<string, unknown>)) {
      const operation = value as Operation
      if (!operation?.responses) continue
      const answers: Record<number, string> = {
        ...MIDDLEWARE_ANSWERS.any,
        ...(UNSAFE_METHODS.has(method) ? MIDDLEWARE_ANSWERS.unsafe : {}),
        ...(operation.requestBody?.content?.['application/json'] ? MIDDLEWARE_ANSWERS.jsonBody : {}),
      }
      for (const [status, description] of Object.entries(answers)) {
        operation.responses[status] ??= {
          description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        }
      }
    }
  }
  return document
}

/** The document for every route registered on `app` so far (built once, on first use). */
export function openApiDocumentOf(app: OpenAPIHono<AppEnv>): () => OpenApiDocument {
  let document: OpenApiDocument | undefined
  return () =>
    (document ??= documentMiddlewareAnswers(
      app.getOpenAPIDocument({
        openapi: '3.0.3',
        info: { title: API_TITLE, version: API_VERSION, description: DESCRIPTION },
      }),
    ))
}
