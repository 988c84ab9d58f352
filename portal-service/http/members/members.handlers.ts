// Handlers for portfolio members.
import type { RouteHandler } from '@hono/zod-openapi'
import * as membershipService from '../../memberships/membership.service.js'
import { authorizePortfolio } from '../../policy/authorize.js'
import type { AuthedEnv } from '../app-env.js'
import type * as routes from './members.routes.js'

export const listMembers: RouteHandler<typeof routes.listMembers, AuthedEnv> = async (c) => {
  const { db } = c.get('deps')
  const { portfolio } = await authorizePortfolio(
    db,
    c.get('actor'),
    c.req.valid('param').portfolioId,
    'viewPortfolio',
  )
  return c.json({ members: await membershipService.listMembers(db, portfolio) }, 200)
}

export const addMember: RouteHandler<typeof routes.addMember, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'managePortfolio')
  const member = await membershipService.addMember(
    db,
    clock,
    c.get('actor'),
    portfolioId,
    c.req.valid('json'),
  )
  return c.json(member, 201)
}

export const changeRole: RouteHandler<typeof routes.changeRole, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { portfolioId, userId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'managePortfolio')
  const { role } = c.req.valid('json')
  const member = await membershipService.changeRole(
    db,
    clock,
    c.get('actor'),
    portfolioId,
    userId,
    role,
  )
  return c.json(member, 200)
}

export const removeMember: RouteHandler<typeof routes.removeMember, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { portfolioId, userId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'managePortfolio')
  await membershipService.removeMember(db, clock, c.get('actor'), portfolioId, userId)
  return c.body(null, 204)
}
