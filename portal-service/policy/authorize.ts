// Asks the policy about one portfolio for the current actor, loading the facts it needs.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { isUuid } from '../db/ids.js'
import { forbidden, notFound } from '../http/errors.js'
import * as membershipRepository from '../memberships/membership.repository.js'
import type { Membership } from '../memberships/membership.table.js'
import * as portfolioRepository from '../portfolios/portfolio.repository.js'
import type { Portfolio } from '../portfolios/portfolio.table.js'
import type { Actor } from './actor.js'
import { can, type PortfolioAction } from './policy.js'

export interface PortfolioAccess {
  portfolio: Portfolio
  /** The actor's membership, or null (a site admin reading the audit trail). */
  membership: Membership | null
}

/**
 * Loads the portfolio and the actor's membership and asks the policy.
 * @throws ApiError 404 `not_found` if the portfolio does not exist or the actor is not a member
 *   (so nobody learns that a portfolio they cannot see exists); 403 `forbidden` for a member
 *   whose role does not allow `action`.
 */
export async function authorizePortfolio(
  db: Kysely<Database>,
  actor: Actor,
  portfolioId: string,
  action: PortfolioAction,
): Promise<PortfolioAccess> {
  if (!isUuid(portfolioId)) throw notFound('Portfolio')
  const portfolio = await portfolioRepository.findPortfolioById(db, portfolioId)
  if (!portfolio) throw notFound('Portfolio')
  const membership =
    (await membershipRepository.findMembership(db, portfolioId, actor.userId)) ?? null
  if (can(actor, membership, portfolio, action)) return { portfolio, membership }
  if (!membership) throw notFound('Portfolio')
  throw forbidden()
}
