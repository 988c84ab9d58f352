// The portfolio routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './portfolios.handlers.js'
import * as routes from './portfolios.routes.js'

export function createPortfoliosRouter() {
  return createRouter()
    .openapi(routes.createPortfolio, handlers.createPortfolio)
    .openapi(routes.listPortfolios, handlers.listPortfolios)
    .openapi(routes.getPortfolio, handlers.getPortfolio)
    .openapi(routes.updatePortfolio, handlers.updatePortfolio)
    .openapi(routes.deletePortfolio, handlers.deletePortfolio)
}
