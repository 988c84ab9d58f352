// Handlers of the Forge events routes: managers subscribe; the app delivers, proven by its signature.
import type { RouteHandler } from '@hono/zod-openapi'
import { receiveForgeNotices } from '../../forge-events/forge-notice-delivery.service.js'
import * as subscription from '../../forge-events/forge-event-subscription.js'
import { authorizePortfolio } from '../../policy/authorize.js'
import type { AppEnv, AuthedEnv } from '../app-env.js'
import { publicOrigin } from '../public-origin.js'
import type * as routes from './forge-events.routes.js'

export const subscribeForgeEvents: RouteHandler<typeof routes.subscribeForgeEvents, AuthedEnv> = async (c) => {
  const deps = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'configureJira')
  return c.json(await subscription.subscribeForgeEvents(deps, c.get('actor'), portfolioId, publicOrigin(c)), 200)
}

export const getForgeEvents: RouteHandler<typeof routes.getForgeEvents, AuthedEnv> = async (c) => {
  const deps = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'configureJira')
  return c.json(await subscription.getForgeEventFeed(deps, portfolioId), 200)
}

export const receiveForgeDelivery: RouteHandler<typeof routes.receiveForgeDelivery, AppEnv> = async (c) => {
  const { db, clock, jira, changes } = c.get('deps')
  // The app's body limit has already refused anything over 1 MB (413) before this reads it.
  const body = new Uint8Array(await c.req.arrayBuffer())
  const answer = await receiveForgeNotices({ db, clock, log: c.get('log'), jira, changes }, { headers: c.req.raw.headers, body })
  return c.json(answer, 202)
}
