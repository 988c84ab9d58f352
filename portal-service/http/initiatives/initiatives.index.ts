// The initiative routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './initiatives.handlers.js'
import * as routes from './initiatives.routes.js'

export function createInitiativesRouter() {
  return createRouter()
    .openapi(routes.listInitiatives, handlers.listInitiatives)
    .openapi(routes.createInitiative, handlers.createInitiative)
    .openapi(routes.getInitiative, handlers.getInitiative)
    .openapi(routes.updateInitiative, handlers.updateInitiative)
    .openapi(routes.deleteInitiative, handlers.deleteInitiative)
}
