// The user routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './users.handlers.js'
import * as routes from './users.routes.js'

export function createUsersRouter() {
  return createRouter()
    .openapi(routes.createUser, handlers.createUser)
    .openapi(routes.listUsers, handlers.listUsers)
    .openapi(routes.updateUser, handlers.updateUser)
}
