// The secret of a just created or rotated Jira webhook, carried across POST/redirect/GET once: sealed, HttpOnly, minutes long.
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../http/app-env.js'

const REVEAL_COOKIE = 'pb_webhook_secret'
/** Long enough to follow the redirect; a secret shown once must not linger. */
const REVEAL_MS = 5 * 60 * 1000

const cookiePath = (portfolioId: string) => `/portfolios/${portfolioId}/settings/integrations/jira/webhook`

// Sealed to the portfolio and the session (as jira-draft.ts does), so it opens nowhere else.
function context(c: Context<AppEnv>, portfolioId: string): string {
  const credential = c.get('credential')
  return `webhook-reveal:${portfolioId}:${credential?.kind === 'session' ? credential.idHash : 'none'}`
}

export function keepSecretForReveal(c: Context<AppEnv>, portfolioId: string, secret: string): void {
  const { deps } = c.var
  const sealed = deps.jira.box.seal(JSON.stringify({ secret, expiresAt: deps.clock.now().getTime() + REVEAL_MS }), context(c, portfolioId))
  setCookie(c, REVEAL_COOKIE, sealed, { path: cookiePath(portfolioId), httpOnly: true, sameSite: 'Strict', secure: deps.config.secureCookies, maxAge: REVEAL_MS / 1000 })
}

/** The secret to show now, once: the cookie is cleared as it is read. Null when there is none or it expired. */
export function takeRevealedSecret(c: Context<AppEnv>, portfolioId: string): string | null {
  const sealed = getCookie(c, REVEAL_COOKIE)
  if (!sealed) return null
  deleteCookie(c, REVEAL_COOKIE, { path: cookiePath(portfolioId), secure: c.var.deps.config.secureCookies })
  try {
    const kept = JSON.parse(c.var.deps.jira.box.open(sealed, context(c, portfolioId))) as { secret?: unknown; expiresAt?: unknown }
    if (typeof kept.secret !== 'string' || typeof kept.expiresAt !== 'number' || kept.expiresAt < c.var.deps.clock.now().getTime()) return null
    return kept.secret
  } catch {
    return null
  }
}
