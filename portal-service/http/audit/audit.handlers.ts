// Handlers for the audit trail.
import type { RouteHandler } from '@hono/zod-openapi'
import * as auditService from '../../audit/audit.service.js'
import { authorizePortfolio } from '../../policy/authorize.js'
import type { AuthedEnv } from '../app-env.js'
import type * as routes from './audit.routes.js'

export const listAudit: RouteHandler<typeof routes.listAudit, AuthedEnv> = async (c) => {
  const { db } = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'viewAudit')
  const entries = await auditService.listPortfolioAudit(db, portfolioId, c.req.valid('query'))
  return c.json({ entries }, 200)
}
