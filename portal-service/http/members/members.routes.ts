// Portfolio members: listed for members, managed by managers.
import { z } from '@hono/zod-openapi'
import { errorResponses } from '../errors.js'
import { portfolioParams } from '../portfolios/portfolios.routes.js'
import { protectedRoute } from '../router.js'
import { RoleSchema, idParam } from '../schemas.js'

const tags = ['Members']

export const MemberSchema = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    name: z.string(),
    companyId: z.uuid(),
    role: RoleSchema,
    external: z.boolean().openapi({
      description: 'Of another company than the portfolio’s: can see it, cannot change anything.',
    }),
    addedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Member')

const memberParams = portfolioParams.extend({ userId: idParam('userId', 'The member’s user id') })

export const listMembers = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/members',
  tags,
  summary: 'List a portfolio’s members',
  request: { params: portfolioParams },
  responses: {
    200: {
      description: 'Members, by name',
      content: { 'application/json': { schema: z.object({ members: z.array(MemberSchema) }) } },
    },
    ...errorResponses(401, 404),
  },
})

export const addMember = protectedRoute({
  method: 'post',
  path: '/api/portfolios/{portfolioId}/members',
  tags,
  summary: 'Add a member (managers)',
  description:
    'Any user may be added, from any company; a user of another company is external whatever the role. 409 `already_member`; 422 for an unknown user.',
  request: {
    params: portfolioParams,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ userId: z.uuid(), role: RoleSchema }) } },
    },
  },
  responses: {
    201: { description: 'Added', content: { 'application/json': { schema: MemberSchema } } },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
})

export const changeRole = protectedRoute({
  method: 'patch',
  path: '/api/portfolios/{portfolioId}/members/{userId}',
  tags,
  summary: 'Change a member’s role (managers)',
  description: 'Demoting the last manager from the portfolio’s company is 409 `last_manager`.',
  request: {
    params: memberParams,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ role: RoleSchema }) } },
    },
  },
  responses: {
    200: { description: 'The member', content: { 'application/json': { schema: MemberSchema } } },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
})

export const removeMember = protectedRoute({
  method: 'delete',
  path: '/api/portfolios/{portfolioId}/members/{userId}',
  tags,
  summary: 'Remove a member (managers)',
  description:
    'Initiatives they owned lose their owner. Removing the last manager from the portfolio’s company is 409 `last_manager`.',
  request: { params: memberParams },
  responses: {
    204: { description: 'Removed' },
    ...errorResponses(401, 403, 404, 409),
  },
})
