// Signing in and out from the browser: the same sign-in service and cookie as POST /api/session.
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { signIn } from '../auth/auth.service.js'
import { csrfTokenFor } from '../auth/csrf.js'
import { sha256Hex } from '../auth/random-token.js'
import { SESSION_COOKIE, SESSION_MAX_MS, endSession } from '../auth/session.service.js'
import type { AppEnv } from '../http/app-env.js'
import * as sessionRoutes from '../http/session/session.routes.js'
import { sentenceOf } from './error-sentences.js'
import { redirectWith, takeFlash } from './flash.js'
import { safeReturnPath } from './page-context.js'
import { bodySchemaOf, check, readForm, type FormState } from './page-forms.js'
import { SignInPage } from './sign-in-page.js'

const signInSchema = bodySchemaOf(sessionRoutes.signIn)

function cookieOptions(c: Context<AppEnv>) {
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.get('deps').config.secureCookies } as const
}

function renderSignIn(c: Context<AppEnv>, next: string, form?: FormState) {
  const credential = c.get('credential')
  const csrfToken = credential?.kind === 'session' ? csrfTokenFor(c.get('deps').secretKey, credential.idHash) : ''
  return c.html(<SignInPage form={form} next={next} csrfToken={csrfToken} flash={form ? null : takeFlash(c)} />)
}

export function createSessionPages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()

  router.get('/', (c) => c.redirect(c.get('user') ? '/portfolios' : '/sign-in', 303))

  router.get('/sign-in', (c) => {
    const next = safeReturnPath(c.req.query('next') ?? '', '/portfolios')
    if (c.get('user')) return c.redirect(next, 303)
    return renderSignIn(c, next)
  })

  router.post('/sign-in', async (c) => {
    const posted = await readForm(c)
    const next = safeReturnPath(posted.text('next'), '/portfolios')
    const values = { email: posted.text('email') }
    const checked = check(signInSchema, { email: posted.text('email'), password: posted.text('password') })
    if (!checked.ok) {
      c.status(400)
      return renderSignIn(c, next, { values, errors: checked.errors })
    }
    const { db, clock } = c.get('deps')
    const previous = getCookie(c, SESSION_COOKIE)
    try {
      const session = await signIn(db, clock, {
        ...checked.data,
        ip: c.get('clientIp'),
        userAgent: c.req.header('User-Agent') ?? null,
        previousSessionIdHash: previous ? sha256Hex(previous) : null,
      })
      setCookie(c, SESSION_COOKIE, session.token, { ...cookieOptions(c), maxAge: Math.floor(SESSION_MAX_MS / 1000) })
      c.get('log').info('signed in', { userId: session.user.id, via: 'page' })
      return c.redirect(next, 303)
    } catch (error) {
      const message = sentenceOf(error)
      if (message === null) throw error
      const status = (error as { status: number }).status
      for (const [name, value] of Object.entries((error as { headers?: Record<string, string> }).headers ?? {})) c.header(name, value)
      c.status(status === 429 ? 429 : 401)
      return renderSignIn(c, next, { values, errors: {}, message })
    }
  })

  router.post('/sign-out', async (c) => {
    const credential = c.get('credential')
    if (credential?.kind === 'session') await endSession(c.get('deps').db, credential.idHash)
    deleteCookie(c, SESSION_COOKIE, cookieOptions(c))
    return redirectWith(c, '/sign-in', { kind: 'info', text: 'You are signed out.' })
  })

  return router
}
