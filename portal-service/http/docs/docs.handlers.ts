// Handlers serving the API's own documentation.
import type { RouteHandler } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.js'
import { renderDocsPage } from './docs-page.js'
import type * as routes from './docs.routes.js'
import type { OpenApiDocument } from './openapi-document.js'

export function docsHandlers(document: () => OpenApiDocument) {
  const openApiDocument: RouteHandler<typeof routes.openApiDocument, AppEnv> = (c) =>
    c.json(document() as unknown as Record<string, unknown>, 200)

  const docsPage: RouteHandler<typeof routes.docsPage, AppEnv> = async (c) =>
    c.html(await renderDocsPage(document(), c.get('secureHeadersNonce') ?? ''), 200)

  return { openApiDocument, docsPage }
}
