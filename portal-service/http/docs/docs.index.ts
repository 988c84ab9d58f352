// The documentation routes, assembled: they describe whichever app they are given.
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.js'
import { createRouter } from '../router.js'
import { docsHandlers } from './docs.handlers.js'
import * as routes from './docs.routes.js'
import { openApiDocumentOf, registerSecuritySchemes } from './openapi-document.js'

/** Mount last, so the document lists every route mounted before it (and these two). */
export function createDocsRouter(app: OpenAPIHono<AppEnv>) {
  registerSecuritySchemes(app)
  const handlers = docsHandlers(openApiDocumentOf(app))
  return createRouter()
    .openapi(routes.openApiDocument, handlers.openApiDocument)
    .openapi(routes.docsPage, handlers.docsPage)
}
