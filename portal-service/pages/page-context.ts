// What every page handler starts from: the signed-in person, their CSRF token, and the portfolio they opened.
import type { Context } from 'hono'
import { csrfTokenFor } from '../auth/csrf.js'
import type { AppEnv } from '../http/app-env.js'
import { unauthenticated } from '../http/errors.js'
import { integrationDeps } from '../http/integration-context.js'
import type { IntegrationDeps } from '../jira/integration-deps.js'
import * as connectionService from '../jira/jira-connection.service.js'
import type { ConnectionView } from '../jira/jira-connection.service.js'
import type { Actor } from '../policy/actor.js'
import { authorizePortfolio } from '../policy/authorize.js'
import type { PortfolioAction } from '../policy/policy.js'
import { toPortfolioView, type PortfolioView } from '../portfolios/portfolio.service.js'
import type { Portfolio } from '../portfolios/portfolio.table.js'
import type { UserView } from '../users/user.service.js'
import type { EventFreshness } from '../webhooks/event-freshness.js'
import { eventFreshnessOf } from '../webhooks/webhook.service.js'
import { takeFlash, type Flash } from './flash.js'

export interface PageSession {
  user: UserView
  actor: Actor
  /** Empty for bearer-token callers, whom CSRF checks do not concern. */
  csrfToken: string
  flash: Flash | null
}

/**
 * The signed-in person. Anonymous callers get 401, which the page error handler turns into a
 * redirect to the sign-in page (and back here afterwards).
 */
export function pageSession(c: Context<AppEnv>): PageSession {
  const user = c.get('user')
  const actor = c.get('actor')
  const credential = c.get('credential')
  if (!user || !actor || !credential) throw unauthenticated()
  const csrfToken = credential.kind === 'session' ? csrfTokenFor(c.get('deps').secretKey, credential.idHash) : ''
  return { user, actor, csrfToken, flash: c.req.method === 'GET' ? takeFlash(c) : null }
}

/** The signed-in person if there is one (error pages still show who is signed in). */
export function optionalSession(c: Context<AppEnv>): PageSession | null {
  try {
    return { ...pageSession(c), flash: null }
  } catch {
    return null
  }
}

export interface PortfolioPage extends PageSession {
  portfolio: PortfolioView
  row: Portfolio
  deps: IntegrationDeps
  /** What the policy lets this person do here: pages show only these controls. */
  can(action: PortfolioAction): boolean
}

/**
 * Opens a portfolio for `action`, asking the same policy the API asks: a non-member gets 404,
 * a member whose role does not allow `action` gets 403.
 */
export async function openPortfolio(
  c: Context<AppEnv>,
  portfolioId: string,
  action: PortfolioAction = 'viewPortfolio',
): Promise<PortfolioPage> {
  const session = pageSession(c)
  const deps = integrationDeps(c)
  const { portfolio, membership } = await authorizePortfolio(deps.db, session.actor, portfolioId, action)
  const view = toPortfolioView(portfolio, session.actor, membership?.role ?? null)
  const allowed = new Set(view.allowedActions)
  return { ...session, portfolio: view, row: portfolio, deps, can: (a) => allowed.has(a) }
}

/** A connection as pages show it: with whether Jira events are flowing, beside when figures were read. */
export type PageConnection = ConnectionView & { events: EventFreshness }

/** The portfolio's Jira connection as every member may see it, or null when there is none. */
export async function jiraConnectionOf(page: PortfolioPage): Promise<PageConnection | null> {
  let view: ConnectionView
  try {
    view = await connectionService.getConnectionView(page.deps.db, page.portfolio.id)
  } catch (error) {
    if ((error as { code?: string }).code === 'jira_not_configured') return null
    throw error
  }
  return { ...view, events: await eventFreshnessOf(page.deps.db, page.portfolio.id, page.deps.clock.now()) }
}

/** Where "back" goes after a form: only paths of this portal, never another site. */
export function safeReturnPath(value: string, fallback: string): string {
  return /^\/(?!\/)[\w\-./?=&%]*$/.test(value) && !value.includes('\\') ? value : fallback
}
