// Liveness for load balancers and operators: is the database answering?
import { createRoute, z } from '@hono/zod-openapi'

export const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['Health'],
  summary: 'Health check',
  description: 'No sign-in needed. 200 when the database answers, 503 otherwise.',
  responses: {
    200: {
      description: 'Healthy',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
    503: {
      description: 'The database does not answer',
      content: { 'application/json': { schema: z.object({ status: z.literal('unavailable') }) } },
    },
  },
})
