// Refuses cross-site writes: cookie-authenticated unsafe requests must prove they come from us.
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { CSRF_FORM_FIELD, CSRF_HEADER, isValidCsrfToken } from '../../auth/csrf.js'
import type { AppEnv } from '../app-env.js'
import { ApiError } from '../errors.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i

export interface CsrfOptions {
  /** `METHOD /path` pairs that need no token (signing in has no session to derive one from). */
  tokenExempt?: string[]
}

/**
 * For unsafe methods: a mismatching `Origin` is refused for everyone; a request authenticated by
 * the session cookie must also carry the session's CSRF token in `X-CSRF-Token` (or in a `_csrf`
 * form field, for HTML forms). Bearer-token requests are exempt: browsers never add them.
 */
export function csrfProtection(options: CsrfOptions = {}) {
  const exempt = new Set(options.tokenExempt ?? [])
  return createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const credential = c.get('credential')
    if (credential?.kind === 'token') return next()
    const origin = c.req.header('Origin')
    if (origin !== undefined && !isOwnOrigin(c, origin)) {
      throw new ApiError(403, 'csrf_failed', 'This request came from another site.', {
        reason: 'origin',
      })
    }
    if (credential?.kind === 'session' && !exempt.has(`${c.req.method} ${c.req.path}`)) {
      const candidate = c.req.header(CSRF_HEADER) ?? (await formToken(c))
      if (!candidate || !isValidCsrfToken(c.get('deps').secretKey, credential.idHash, candidate)) {
        const message = `Send the CSRF token from GET /api/me in ${CSRF_HEADER}.`
        throw new ApiError(403, 'csrf_failed', message, { reason: 'token' })
      }
    }
    return next()
  })
}

// With PORTAL_PUBLIC_URL the origin is known; otherwise compare with the host the request named.
function isOwnOrigin(c: Context<AppEnv>, origin: string): boolean {
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    return false // includes the literal "null" of sandboxed frames and file: pages
  }
  const { publicUrl, trustProxy } = c.get('deps').config
  if (publicUrl) return new URL(origin).origin === publicUrl.origin
  const forwardedHost = trustProxy
    ? c.req.header('X-Forwarded-Host')?.split(',')[0]?.trim()
    : undefined
  return host === (forwardedHost || new URL(c.req.url).host)
}

async function formToken(c: Context<AppEnv>): Promise<string | undefined> {
  if (!FORM_TYPES.test(c.req.header('Content-Type') ?? '')) return undefined
  let form: Awaited<ReturnType<typeof c.req.parseBody>>
  try {
    // Hono caches the parsed form, so the route's own validator can read it again.
    form = await c.req.parseBody()
  } catch {
    // A body that claims to be a form and is not (a multipart body without its boundary, say)
    // carries no token: refused as such, not a 500.
    return undefined
  }
  const value = form[CSRF_FORM_FIELD]
  return typeof value === 'string' ? value : undefined
}
