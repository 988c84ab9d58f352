// Companies, managed by site admins.
import { z } from '@hono/zod-openapi'
import { errorResponses } from '../errors.js'
import { protectedRoute } from '../router.js'
import { requiredText } from '../schemas.js'

const tags = ['Companies']

export const CompanySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Company')

export const createCompany = protectedRoute({
  method: 'post',
  path: '/api/companies',
  tags,
  summary: 'Create a company (site admins)',
  description: 'Names are unique regardless of case: 409 `company_exists`.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ name: requiredText(200) }) } },
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: CompanySchema } } },
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
})

export const listCompanies = protectedRoute({
  method: 'get',
  path: '/api/companies',
  tags,
  summary: 'List companies (site admins)',
  responses: {
    200: {
      description: 'All companies, by name',
      content: { 'application/json': { schema: z.object({ companies: z.array(CompanySchema) }) } },
    },
    ...errorResponses(401, 403),
  },
})
