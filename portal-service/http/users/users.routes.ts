// Users: created by site admins; listed for everyone who needs to pick members.
import { z } from '@hono/zod-openapi'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../users/password.js'
import { errorResponses } from '../errors.js'
import { protectedRoute } from '../router.js'
import { EmailSchema, UserSchema, idParam, requiredText } from '../schemas.js'

const tags = ['Users']

export const createUser = protectedRoute({
  method: 'post',
  path: '/api/users',
  tags,
  summary: 'Create a user (site admins)',
  description: `Emails are unique regardless of case (409 \`email_taken\`). Passwords have at least ${MIN_PASSWORD_LENGTH} characters. An unknown companyId is 422 \`unprocessable\`.`,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            email: EmailSchema,
            name: requiredText(200),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
            companyId: z.uuid(),
            siteAdmin: z.boolean().optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: UserSchema } } },
    ...errorResponses(400, 401, 403, 409, 413, 415, 422),
  },
})

export const listUsers = protectedRoute({
  method: 'get',
  path: '/api/users',
  tags,
  summary: 'List users',
  description:
    'Site admins see every user. Others see the users of their own company; a manager of one of their company’s portfolios may also find a user of another company by exact `email` (to add an external member). Filters you may not use give an empty list.',
  request: {
    query: z.object({
      companyId: z.uuid().optional(),
      email: z
        .string()
        .trim()
        .min(1)
        .max(320)
        .optional()
        .openapi({ description: 'Exact, case-insensitive' }),
    }),
  },
  responses: {
    200: {
      description: 'Users, by name',
      content: { 'application/json': { schema: z.object({ users: z.array(UserSchema) }) } },
    },
    ...errorResponses(400, 401),
  },
})

export const updateUser = protectedRoute({
  method: 'patch',
  path: '/api/users/{userId}',
  tags,
  summary: 'Change a user’s name, password or site-admin flag (site admins)',
  description:
    'For a user who forgot their password, or a change of role. A new password signs the user out of every session. Removing the last site admin is 409 `last_site_admin`.',
  request: {
    params: z.object({ userId: idParam('userId', 'The user’s id') }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: requiredText(200).optional(),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH).optional(),
            siteAdmin: z.boolean().optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'The user', content: { 'application/json': { schema: UserSchema } } },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
})
