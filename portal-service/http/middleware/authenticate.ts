// Finds who is calling: a personal access token (Authorization: Bearer) or the session cookie.
import type { Context } from 'hono'
import { deleteCookie, getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { resolveAccessToken } from '../../auth/access-token.service.js'
import { SESSION_COOKIE, resolveSession } from '../../auth/session.service.js'
import { toActor, toUserView, type UserView } from '../../users/user.service.js'
import type { AppEnv, Credential } from '../app-env.js'
import { ApiError } from '../errors.js'

/**
 * Sets `user`, `actor` and `credential` (all null for anonymous callers). A bearer token that is
 * wrong is refused outright (401) rather than treated as anonymous: a script should learn at once
 * that its token was revoked. A stale session cookie is just cleared.
 */
export function authenticate() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db, clock, config } = c.get('deps')
    const authorization = c.req.header('Authorization')
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]
      const found = token ? await resolveAccessToken(db, clock, token) : null
      if (!found) {
        throw new ApiError(
          401,
          'unauthenticated',
          'The access token is invalid or has been revoked.',
        )
      }
      signedIn(c, toUserView(found.user), { kind: 'token', tokenId: found.tokenId })
      return next()
    }
    const cookie = getCookie(c, SESSION_COOKIE)
    if (cookie) {
      const found = await resolveSession(db, clock, cookie)
      if (found) {
        signedIn(c, toUserView(found.user), { kind: 'session', idHash: found.session.idHash })
      } else {
        deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config.secureCookies })
      }
    }
    return next()
  })
}

function signedIn(c: Context<AppEnv>, user: UserView, credential: Credential) {
  c.set('user', user)
  c.set('actor', toActor(user))
  c.set('credential', credential)
}
