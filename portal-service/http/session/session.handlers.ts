// Handlers for signing in and out and the caller's own account.
import type { RouteHandler } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import {
  changePassword as changeUserPassword,
  signIn as signInUser,
} from '../../auth/auth.service.js'
import { csrfTokenFor } from '../../auth/csrf.js'
import { sha256Hex } from '../../auth/random-token.js'
import { SESSION_COOKIE, SESSION_MAX_MS, endSession } from '../../auth/session.service.js'
import type { AppEnv, AuthedEnv } from '../app-env.js'
import type * as routes from './session.routes.js'

function cookieOptions(c: Context<AppEnv>) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.secureCookies,
  } as const
}

export const signIn: RouteHandler<typeof routes.signIn, AppEnv> = async (c) => {
  const { db, clock, secretKey } = c.get('deps')
  const { email, password } = c.req.valid('json')
  const previous = getCookie(c, SESSION_COOKIE)
  const session = await signInUser(db, clock, {
    email,
    password,
    ip: c.get('clientIp'),
    userAgent: c.req.header('User-Agent') ?? null,
    previousSessionIdHash: previous ? sha256Hex(previous) : null,
  })
  setCookie(c, SESSION_COOKIE, session.token, {
    ...cookieOptions(c),
    // The server ends idle sessions sooner; the cookie just must not outlive the longest one.
    maxAge: Math.floor(SESSION_MAX_MS / 1000),
  })
  c.get('log').info('signed in', { userId: session.user.id })
  return c.json({ user: session.user, csrfToken: csrfTokenFor(secretKey, session.idHash) }, 200)
}

export const signOut: RouteHandler<typeof routes.signOut, AppEnv> = async (c) => {
  const credential = c.get('credential')
  if (credential?.kind === 'session') await endSession(c.get('deps').db, credential.idHash)
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c))
  return c.body(null, 204)
}

export const me: RouteHandler<typeof routes.me, AuthedEnv> = async (c) => {
  const credential = c.get('credential')
  const csrfToken =
    credential.kind === 'session' ? csrfTokenFor(c.get('deps').secretKey, credential.idHash) : null
  return c.json({ user: c.get('user'), csrfToken }, 200)
}

export const changePassword: RouteHandler<typeof routes.changePassword, AuthedEnv> = async (c) => {
  const { db, clock } = c.get('deps')
  const { currentPassword, newPassword } = c.req.valid('json')
  const credential = c.get('credential')
  await changeUserPassword(db, clock, {
    userId: c.get('user').id,
    currentPassword,
    newPassword,
    ip: c.get('clientIp'),
    keepSessionIdHash: credential.kind === 'session' ? credential.idHash : undefined,
  })
  c.get('log').info('password changed', { userId: c.get('user').id })
  return c.body(null, 204)
}
