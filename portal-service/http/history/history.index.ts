// The history routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './history.handlers.js'
import * as routes from './history.routes.js'

export function createHistoryRouter() {
  return createRouter()
    .openapi(routes.getInitiativesCsv, handlers.getInitiativesCsv)
    .openapi(routes.getHistory, handlers.getHistory)
    .openapi(routes.getChanges, handlers.getChanges)
    .openapi(routes.getForecast, handlers.getForecast)
    .openapi(routes.getAttention, handlers.getAttention)
}
