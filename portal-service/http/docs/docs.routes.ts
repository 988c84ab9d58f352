// The API describing itself: the OpenAPI document and a readable page built from it.
import { createRoute, z } from '@hono/zod-openapi'

const tags = ['Documentation']

export const openApiDocument = createRoute({
  method: 'get',
  path: '/api/openapi.json',
  tags,
  summary: 'This API as an OpenAPI 3.0 document',
  responses: {
    200: {
      description: 'The OpenAPI document',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
  },
})

export const docsPage = createRoute({
  method: 'get',
  path: '/api/docs',
  tags,
  summary: 'This API as a readable page',
  responses: {
    200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } },
  },
})
