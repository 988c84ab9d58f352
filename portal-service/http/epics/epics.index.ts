// The epic routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './epics.handlers.js'
import * as routes from './epics.routes.js'

export function createEpicsRouter() {
  return createRouter()
    .openapi(routes.searchEpics, handlers.searchEpics)
    .openapi(routes.listEpics, handlers.listEpics)
    .openapi(routes.linkEpic, handlers.linkEpic)
    .openapi(routes.unlinkEpic, handlers.unlinkEpic)
}
