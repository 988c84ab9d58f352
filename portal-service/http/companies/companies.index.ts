// The company routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './companies.handlers.js'
import * as routes from './companies.routes.js'

export function createCompaniesRouter() {
  return createRouter()
    .openapi(routes.createCompany, handlers.createCompany)
    .openapi(routes.listCompanies, handlers.listCompanies)
}
