// Handlers for companies: site admins only.
import type { RouteHandler } from '@hono/zod-openapi'
import * as companyService from '../../companies/company.service.js'
import { canAdministerSite } from '../../policy/policy.js'
import type { AuthedEnv } from '../app-env.js'
import { forbidden } from '../errors.js'
import type * as routes from './companies.routes.js'

const SITE_ADMINS_ONLY = 'Only site admins manage companies.'

export const createCompany: RouteHandler<typeof routes.createCompany, AuthedEnv> = async (c) => {
  if (!canAdministerSite(c.get('actor'))) throw forbidden(SITE_ADMINS_ONLY)
  const { db, clock } = c.get('deps')
  const { name } = c.req.valid('json')
  return c.json(await companyService.createCompany(db, clock, c.get('actor').userId, name), 201)
}

export const listCompanies: RouteHandler<typeof routes.listCompanies, AuthedEnv> = async (c) => {
  if (!canAdministerSite(c.get('actor'))) throw forbidden(SITE_ADMINS_ONLY)
  return c.json({ companies: await companyService.listCompanies(c.get('deps').db) }, 200)
}
