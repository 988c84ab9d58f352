// Portfolios: created in a company, listed for their members, edited and deleted by managers.
import { z } from '@hono/zod-openapi'
import { PORTFOLIO_ACTIONS } from '../../policy/policy.js'
import { DEFAULT_STAGES, MAX_STAGES, MAX_STAGE_LENGTH } from '../../portfolios/stages.js'
import { errorResponses } from '../errors.js'
import { protectedRoute } from '../router.js'
import { RoleSchema, idParam, optionalText, requiredText } from '../schemas.js'

const tags = ['Portfolios']

export const PortfolioSchema = z
  .object({
    id: z.uuid(),
    companyId: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    stages: z.array(z.string()),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    myRole: RoleSchema.nullable(),
    external: z
      .boolean()
      .openapi({ description: 'You belong to another company than the portfolio’s.' }),
    allowedActions: z.array(z.enum(PORTFOLIO_ACTIONS)),
  })
  .openapi('Portfolio')

const StagesSchema = z
  .array(z.string().trim().min(1, 'must not be blank').max(MAX_STAGE_LENGTH))
  .min(1)
  .max(MAX_STAGES)
  .refine(
    (stages) => new Set(stages.map((stage) => stage.toLowerCase())).size === stages.length,
    'stages must be unique',
  )
  .openapi({
    example: [...DEFAULT_STAGES],
    description: 'The ordered stages initiatives move through.',
  })

export const portfolioParams = z.object({
  portfolioId: idParam('portfolioId', 'The portfolio’s id'),
})

export const createPortfolio = protectedRoute({
  method: 'post',
  path: '/api/portfolios',
  tags,
  summary: 'Create a portfolio',
  description:
    'For users of that company and site admins. The first manager is `managerId` (a user of that company) or else the caller, who must then belong to the company (422 otherwise). Stages default to Proposal, Planning, Execution, Done.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: requiredText(200),
            companyId: z.uuid(),
            description: optionalText(10_000).optional(),
            stages: StagesSchema.optional(),
            managerId: z.uuid().optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: PortfolioSchema } } },
    ...errorResponses(400, 401, 403, 413, 415, 422),
  },
})

export const listPortfolios = protectedRoute({
  method: 'get',
  path: '/api/portfolios',
  tags,
  summary: 'List the portfolios I am a member of',
  responses: {
    200: {
      description: 'My portfolios, by name',
      content: {
        'application/json': { schema: z.object({ portfolios: z.array(PortfolioSchema) }) },
      },
    },
    ...errorResponses(401),
  },
})

export const getPortfolio = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}',
  tags,
  summary: 'Get a portfolio',
  description: 'Members only; to anyone else the portfolio does not exist (404).',
  request: { params: portfolioParams },
  responses: {
    200: {
      description: 'The portfolio',
      content: { 'application/json': { schema: PortfolioSchema } },
    },
    ...errorResponses(401, 404),
  },
})

export const updatePortfolio = protectedRoute({
  method: 'patch',
  path: '/api/portfolios/{portfolioId}',
  tags,
  summary: 'Edit a portfolio’s settings (managers)',
  description:
    'Changes the fields sent. `stages` replaces the list; removing a stage that initiatives are still in is 409 `stage_in_use`.',
  request: {
    params: portfolioParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: requiredText(200).optional(),
            description: optionalText(10_000).optional(),
            stages: StagesSchema.optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The portfolio',
      content: { 'application/json': { schema: PortfolioSchema } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
})

export const deletePortfolio = protectedRoute({
  method: 'delete',
  path: '/api/portfolios/{portfolioId}',
  tags,
  summary: 'Delete a portfolio with its members and initiatives (managers)',
  request: { params: portfolioParams },
  responses: {
    204: { description: 'Deleted' },
    ...errorResponses(401, 403, 404),
  },
})
