// Handlers for history, trends and forecast: every member may read them.
import type { RouteHandler } from '@hono/zod-openapi'
import { portfolioAttention } from '../../history/attention.service.js'
import * as historyService from '../../history/history.service.js'
import { csvFileName, initiativesCsv } from '../../history/initiatives-csv.js'
import { authorizePortfolio } from '../../policy/authorize.js'
import type { AuthedEnv } from '../app-env.js'
import type * as routes from './history.routes.js'

export const getHistory: RouteHandler<typeof routes.getHistory, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { portfolioId, initiativeId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'viewPortfolio')
  return c.json(await historyService.initiativeHistory(db, portfolioId, initiativeId, c.req.valid('query'), clock.now()), 200)
}

export const getChanges: RouteHandler<typeof routes.getChanges, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { portfolioId, initiativeId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'viewPortfolio')
  return c.json(await historyService.initiativeChanges(db, portfolioId, initiativeId, c.req.valid('query'), clock.now()), 200)
}

export const getForecast: RouteHandler<typeof routes.getForecast, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { portfolioId, initiativeId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'viewPortfolio')
  return c.json(await historyService.initiativeForecast(db, portfolioId, initiativeId, c.req.valid('query'), clock.now()), 200)
}

export const getAttention: RouteHandler<typeof routes.getAttention, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  const { portfolio } = await authorizePortfolio(db, c.get('actor'), portfolioId, 'viewPortfolio')
  return c.json({ items: await portfolioAttention(db, portfolio, clock.now()) }, 200)
}

export const getInitiativesCsv: RouteHandler<typeof routes.getInitiativesCsv, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  const { portfolio } = await authorizePortfolio(db, c.get('actor'), portfolioId, 'viewPortfolio')
  const now = clock.now()
  return c.body(await initiativesCsv(db, portfolio, now), 200, {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${csvFileName(portfolio.name, now)}"`,
    // A member's export may name people and plans: never kept by shared caches.
    'Cache-Control': 'private, no-store',
  })
}
