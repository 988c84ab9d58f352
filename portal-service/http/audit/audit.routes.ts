// A portfolio's audit trail: who changed what, and when.
import { z } from '@hono/zod-openapi'
import { errorResponses } from '../errors.js'
import { portfolioParams } from '../portfolios/portfolios.routes.js'
import { protectedRoute } from '../router.js'

export const AuditEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.string().openapi({ format: 'date-time' }),
    actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
    action: z.string().openapi({ example: 'initiative.updated' }),
    targetType: z.string().openapi({ example: 'initiative' }),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry')

export const listAudit = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/audit',
  tags: ['Audit'],
  summary: 'Read a portfolio’s audit trail (managers and site admins)',
  description:
    'Newest first. For the next page, pass the id of the last entry as `before`. Actions: portfolio.created|updated|deleted, member.added|role_changed|removed, initiative.created|updated|deleted.',
  request: {
    params: portfolioParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before: z.uuid().optional(),
    }),
  },
  responses: {
    200: {
      description: 'Entries, newest first',
      content: { 'application/json': { schema: z.object({ entries: z.array(AuditEntrySchema) }) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
})
