// The access-token routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './tokens.handlers.js'
import * as routes from './tokens.routes.js'

export function createTokensRouter() {
  return createRouter()
    .openapi(routes.createToken, handlers.createToken)
    .openapi(routes.listTokens, handlers.listTokens)
    .openapi(routes.revokeToken, handlers.revokeToken)
}
