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

/** The document for every route registered on `app` so far (built once, on first use). */
export function openApiDocumentOf(app: OpenAPIHono<AppEnv>): () => OpenApiDocument {
  let document: OpenApiDocument | undefined
  return () =>
    (document ??= app.getOpenAPIDocument({
      openapi: '3.0.3',
      info: { title: API_TITLE, version: API_VERSION, description: DESCRIPTION },
    }))
}
