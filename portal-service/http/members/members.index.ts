// The member routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './members.handlers.js'
import * as routes from './members.routes.js'

export function createMembersRouter() {
  return createRouter()
    .openapi(routes.listMembers, handlers.listMembers)
    .openapi(routes.addMember, handlers.addMember)
    .openapi(routes.changeRole, handlers.changeRole)
    .openapi(routes.removeMember, handlers.removeMember)
}
