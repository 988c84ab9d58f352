// The session routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './session.handlers.js'
import * as routes from './session.routes.js'

export function createSessionRouter() {
  return createRouter()
    .openapi(routes.signIn, handlers.signIn)
    .openapi(routes.signOut, handlers.signOut)
    .openapi(routes.me, handlers.me)
    .openapi(routes.changePassword, handlers.changePassword)
}
