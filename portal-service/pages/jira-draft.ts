// Credentials typed into the wizard (a token, or a Forge app's trigger and secret), kept between its steps: sealed, in an HttpOnly cookie, for this session only.
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../http/app-env.js'

const DRAFT_COOKIE = 'pb_jira_draft'
/** Long enough to pick projects, short enough that a forgotten tab does not keep a token around. */
const DRAFT_MS = 30 * 60 * 1000

export interface JiraDraft {
  purpose: 'setup' | 'site_change'
  /** How to reach Jira (DESIGN.md, "Two ways to reach Jira"); absent in drafts from before Forge mode. */
  mode?: 'api_token' | 'forge'
  siteUrl: string
  accountEmail: string
  apiToken: string
  /** Who Jira said the account is, to show on the next step. */
  accountName: string
  /** Forge mode: the app's web trigger and the secret shared with it. */
  webTriggerUrl?: string
  secret?: string
}

// The token is never written into a page: the step after the one that checked it reads it from
// here. Sealing binds it to the portfolio and the session, so it opens nowhere else.
function context(c: Context<AppEnv>, portfolioId: string): string {
  const credential = c.get('credential')
  return `jira-draft:${portfolioId}:${credential?.kind === 'session' ? credential.idHash : 'none'}`
}

const cookiePath = (portfolioId: string) => `/portfolios/${portfolioId}/settings/integrations`

export function saveDraft(c: Context<AppEnv>, portfolioId: string, draft: JiraDraft): void {
  const { deps } = c.var
  const sealed = deps.jira.box.seal(JSON.stringify({ ...draft, expiresAt: deps.clock.now().getTime() + DRAFT_MS }), context(c, portfolioId))
  setCookie(c, DRAFT_COOKIE, sealed, {
    path: cookiePath(portfolioId),
    httpOnly: true,
    sameSite: 'Strict',
    secure: deps.config.secureCookies,
    maxAge: DRAFT_MS / 1000,
  })
}

/** The draft for `purpose`, or null when there is none, it expired, or it belongs to another session. */
export function readDraft(c: Context<AppEnv>, portfolioId: string, purpose: JiraDraft['purpose']): JiraDraft | null {
  const sealed = getCookie(c, DRAFT_COOKIE)
  if (!sealed) return null
  try {
    const draft = JSON.parse(c.var.deps.jira.box.open(sealed, context(c, portfolioId))) as JiraDraft & { expiresAt: number }
    if (draft.purpose !== purpose || draft.expiresAt < c.var.deps.clock.now().getTime()) return null
    const forge = draft.mode === 'forge' && draft.webTriggerUrl && draft.secret ? { mode: 'forge' as const, webTriggerUrl: draft.webTriggerUrl, secret: draft.secret } : { mode: 'api_token' as const }
    return { purpose: draft.purpose, siteUrl: draft.siteUrl, accountEmail: draft.accountEmail, apiToken: draft.apiToken, accountName: draft.accountName, ...forge }
  } catch {
    return null
  }
}

export function clearDraft(c: Context<AppEnv>, portfolioId: string): void {
  deleteCookie(c, DRAFT_COOKIE, { path: cookiePath(portfolioId), secure: c.var.deps.config.secureCookies })
}
