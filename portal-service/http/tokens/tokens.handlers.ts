// Handlers for the caller's personal access tokens.
import type { RouteHandler } from '@hono/zod-openapi'
import * as tokenService from '../../auth/access-token.service.js'
import type { AuthedEnv } from '../app-env.js'
import type * as routes from './tokens.routes.js'

export const createToken: RouteHandler<typeof routes.createToken, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { name } = c.req.valid('json')
  const created = await tokenService.createAccessToken(db, clock, c.get('user').id, name)
  c.get('log').info('access token created', { userId: c.get('user').id })
  return c.json(created, 201)
}

export const listTokens: RouteHandler<typeof routes.listTokens, AuthedEnv> = async (c) => {
  const tokens = await tokenService.listAccessTokens(c.get('deps').db, c.get('user').id)
  return c.json({ tokens }, 200)
}

export const revokeToken: RouteHandler<typeof routes.revokeToken, AuthedEnv> = async (c) => {
  const { tokenId } = c.req.valid('param')
  await tokenService.revokeAccessToken(c.get('deps').db, c.get('user').id, tokenId)
  return c.body(null, 204)
}
