// The audit routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './audit.handlers.js'
import * as routes from './audit.routes.js'

export function createAuditRouter() {
  return createRouter().openapi(routes.listAudit, handlers.listAudit)
}
