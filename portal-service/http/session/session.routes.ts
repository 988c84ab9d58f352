// Signing in and out, and the signed-in user's own account.
import { createRoute, z } from '@hono/zod-openapi'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../users/password.js'
import { errorResponses } from '../errors.js'
import { protectedRoute } from '../router.js'
import { UserSchema } from '../schemas.js'

const tags = ['Session']

export const SessionSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().nullable().openapi({
      description:
        'Send it as X-CSRF-Token (or a `_csrf` form field) with every POST/PATCH/DELETE made with the session cookie. Null when authenticated by access token.',
    }),
  })
  .openapi('Session')

export const signIn = createRoute({
  method: 'post',
  path: '/api/session',
  tags,
  summary: 'Sign in',
  description:
    'Checks the email and password, starts a new session (a fresh id every time) and sets the `pb_session` cookie (HttpOnly, SameSite=Lax). After 5 failures for one email, or 20 from one address, within 15 minutes: 429 with Retry-After.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            email: z.string().trim().min(1).max(320),
            password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: SessionSchema } } },
    ...errorResponses(400, 401, 403, 413, 415, 429),
  },
})

export const signOut = createRoute({
  method: 'delete',
  path: '/api/session',
  tags,
  summary: 'Sign out',
  description: 'Ends the current session and clears the cookie. Succeeds when already signed out.',
  responses: {
    204: { description: 'Signed out' },
    ...errorResponses(403),
  },
})

export const me = protectedRoute({
  method: 'get',
  path: '/api/me',
  tags,
  summary: 'The signed-in user, and the CSRF token of this session',
  responses: {
    200: { description: 'The caller', content: { 'application/json': { schema: SessionSchema } } },
    ...errorResponses(401),
  },
})

export const changePassword = protectedRoute({
  method: 'post',
  path: '/api/me/password',
  tags,
  summary: 'Change my password',
  description: `Needs the current password. Signs out every other session; access tokens stay valid. At least ${MIN_PASSWORD_LENGTH} characters.`,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
            newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
          }),
        },
      },
    },
  },
  responses: {
    204: { description: 'Changed' },
    ...errorResponses(400, 401, 403, 413, 415, 422, 429),
  },
})
