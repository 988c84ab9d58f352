// The caller's personal access tokens, for scripts that send `Authorization: Bearer <token>`.
import { z } from '@hono/zod-openapi'
import { errorResponses } from '../errors.js'
import { protectedRoute } from '../router.js'
import { idParam, requiredText } from '../schemas.js'

const tags = ['Access tokens']

export const AccessTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastUsedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('AccessToken')

export const createToken = protectedRoute({
  method: 'post',
  path: '/api/me/tokens',
  tags,
  summary: 'Create a personal access token',
  description:
    'The token is in this response only: the portal keeps just its hash. Requests that send it as `Authorization: Bearer` act as you and need no CSRF token.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ name: requiredText(100) }) } },
    },
  },
  responses: {
    201: {
      description: 'Created',
      content: {
        'application/json': {
          schema: AccessTokenSchema.extend({ token: z.string().openapi({ example: 'pbt_…' }) }),
        },
      },
    },
    ...errorResponses(400, 401, 403, 413, 415),
  },
})

export const listTokens = protectedRoute({
  method: 'get',
  path: '/api/me/tokens',
  tags,
  summary: 'List my personal access tokens (never the tokens themselves)',
  responses: {
    200: {
      description: 'My tokens',
      content: { 'application/json': { schema: z.object({ tokens: z.array(AccessTokenSchema) }) } },
    },
    ...errorResponses(401),
  },
})

export const revokeToken = protectedRoute({
  method: 'delete',
  path: '/api/me/tokens/{tokenId}',
  tags,
  summary: 'Revoke one of my personal access tokens',
  request: { params: z.object({ tokenId: idParam('tokenId', 'The token’s id') }) },
  responses: {
    204: { description: 'Revoked' },
    ...errorResponses(401, 403, 404),
  },
})
