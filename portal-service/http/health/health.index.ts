// The health route, assembled.
import { createRouter } from '../router.js'
import * as handlers from './health.handlers.js'
import * as routes from './health.routes.js'

export function createHealthRouter() {
  return createRouter().openapi(routes.health, handlers.health)
}
