// The Forge events routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './forge-events.handlers.js'
import * as routes from './forge-events.routes.js'

export function createForgeEventsRouter() {
  return createRouter()
    .openapi(routes.subscribeForgeEvents, handlers.subscribeForgeEvents)
    .openapi(routes.getForgeEvents, handlers.getForgeEvents)
    .openapi(routes.receiveForgeDelivery, handlers.receiveForgeDelivery)
}
