// Handlers for users.
import type { RouteHandler } from '@hono/zod-openapi'
import { canAdministerSite } from '../../policy/policy.js'
import * as userService from '../../users/user.service.js'
import type { AuthedEnv } from '../app-env.js'
import { forbidden } from '../errors.js'
import type * as routes from './users.routes.js'

export const createUser: RouteHandler<typeof routes.createUser, AuthedEnv> = async (c) => {
  if (!canAdministerSite(c.get('actor'))) throw forbidden('Only site admins create users.')
  const { db, clock } = c.get('deps')
  const user = await userService.createUser(db, clock, c.get('actor').userId, c.req.valid('json'))
  return c.json(user, 201)
}

export const listUsers: RouteHandler<typeof routes.listUsers, AuthedEnv> = async (c) => {
  const users = await userService.listVisibleUsers(
    c.get('deps').db,
    c.get('actor'),
    c.req.valid('query'),
  )
  return c.json({ users }, 200)
}

export const updateUser: RouteHandler<typeof routes.updateUser, AuthedEnv> = async (c) => {
  if (!canAdministerSite(c.get('actor'))) throw forbidden('Only site admins change users.')
  const { db, clock } = c.get('deps')
  const { userId } = c.req.valid('param')
  const user = await userService.updateUser(
    db,
    clock,
    c.get('actor').userId,
    userId,
    c.req.valid('json'),
  )
  return c.json(user, 200)
}
