// Handlers for portfolios.
import type { RouteHandler } from '@hono/zod-openapi'
import { authorizePortfolio } from '../../policy/authorize.js'
import { canCreatePortfolio } from '../../policy/policy.js'
import * as portfolioService from '../../portfolios/portfolio.service.js'
import type { AuthedEnv } from '../app-env.js'
import { forbidden } from '../errors.js'
import type * as routes from './portfolios.routes.js'

export const createPortfolio: RouteHandler<typeof routes.createPortfolio, AuthedEnv> = async (
  c,
) => {
  const { db, clock } = c.get('deps')
  const input = c.req.valid('json')
  if (!canCreatePortfolio(c.get('actor'), input.companyId)) {
    throw forbidden('You can only create portfolios in your own company.')
  }
  const portfolio = await portfolioService.createPortfolio(db, clock, c.get('actor'), input)
  return c.json(portfolio, 201)
}

export const listPortfolios: RouteHandler<typeof routes.listPortfolios, AuthedEnv> = async (c) => {
  const portfolios = await portfolioService.listMyPortfolios(c.get('deps').db, c.get('actor'))
  return c.json({ portfolios }, 200)
}

export const getPortfolio: RouteHandler<typeof routes.getPortfolio, AuthedEnv> = async (c) => {
  const actor = c.get('actor')
  const { portfolio, membership } = await authorizePortfolio(
    c.get('deps').db,
    actor,
    c.req.valid('param').portfolioId,
    'viewPortfolio',
  )
  return c.json(portfolioService.toPortfolioView(portfolio, actor, membership?.role ?? null), 200)
}

export const updatePortfolio: RouteHandler<typeof routes.updatePortfolio, AuthedEnv> = async (
  c,
) => {
  const { db, clock } = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'managePortfolio')
  const portfolio = await portfolioService.updatePortfolio(
    db,
    clock,
    c.get('actor'),
    portfolioId,
    c.req.valid('json'),
  )
  return c.json(portfolio, 200)
}

export const deletePortfolio: RouteHandler<typeof routes.deletePortfolio, AuthedEnv> = async (
  c,
) => {
  const { db, clock } = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'managePortfolio')
  await portfolioService.deletePortfolio(db, clock, c.get('actor'), portfolioId)
  return c.body(null, 204)
}
