// Handlers for epics on initiatives.
import type { RouteHandler } from '@hono/zod-openapi'
import * as epicsService from '../../epics/epics.service.js'
import { authorizePortfolio } from '../../policy/authorize.js'
import type { AuthedEnv } from '../app-env.js'
import { integrationDeps } from '../integration-context.js'
import type * as routes from './epics.routes.js'

export const searchEpics: RouteHandler<typeof routes.searchEpics, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'linkEpics')
  return c.json(await epicsService.searchEpics(deps, portfolioId, c.req.valid('query')), 200)
}

export const listEpics: RouteHandler<typeof routes.listEpics, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId, initiativeId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'viewPortfolio')
  await epicsService.requireInitiative(deps.db, portfolioId, initiativeId)
  return c.json(await epicsService.initiativeEpics(deps.db, portfolioId, initiativeId), 200)
}

export const linkEpic: RouteHandler<typeof routes.linkEpic, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId, initiativeId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'linkEpics')
  const { epicKey } = c.req.valid('json')
  return c.json(await epicsService.linkEpic(deps, c.get('actor'), portfolioId, initiativeId, epicKey), 201)
}

export const unlinkEpic: RouteHandler<typeof routes.unlinkEpic, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId, initiativeId, epicKey } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'linkEpics')
  return c.json(await epicsService.unlinkEpic(deps, c.get('actor'), portfolioId, initiativeId, epicKey), 200)
}
