// The one permission policy: pure decisions from (actor, membership, portfolio), per DESIGN.md.
import type { Role } from '../memberships/membership.table.js'
import type { Actor } from './actor.js'

/** Things a user may do in a portfolio, named as DESIGN.md's permission table names them. */
export const PORTFOLIO_ACTIONS = [
  /** See the portfolio, its initiatives, linked projects and epic progress. */
  'viewPortfolio',
  /** Configure, edit or delete the Jira connection. */
  'configureJira',
  /** Link or unlink Jira projects. */
  'linkProjects',
  /** Link or unlink epics on initiatives, refresh progress. */
  'linkEpics',
  /** Create, edit or delete initiatives. */
  'editInitiatives',
  /** Manage members and portfolio settings, delete the portfolio. */
  'managePortfolio',
  /** Read the portfolio's audit trail (managers, and site admins who answer for the site). */
  'viewAudit',
] as const

export type PortfolioAction = (typeof PORTFOLIO_ACTIONS)[number]

/**
 * Where a user stands in a portfolio. A member of another company is `external` whatever the
 * role they were given.
 */
export type Standing = Role | 'external' | 'nonMember'

export interface MembershipFacts {
  role: Role
}

export interface PortfolioFacts {
  companyId: string
}

// DESIGN.md "Permissions", column by column.
const ALLOWED: Record<PortfolioAction, readonly Standing[]> = {
  viewPortfolio: ['manager', 'contributor', 'viewer', 'external'],
  configureJira: ['manager'],
  linkProjects: ['manager'],
  linkEpics: ['manager', 'contributor'],
  editInitiatives: ['manager', 'contributor'],
  managePortfolio: ['manager'],
  viewAudit: ['manager'],
}

export function standingOf(
  actor: Actor,
  membership: MembershipFacts | null,
  portfolio: PortfolioFacts,
): Standing {
  if (!membership) return 'nonMember'
  if (actor.companyId !== portfolio.companyId) return 'external'
  return membership.role
}

/**
 * Decides a portfolio action. The site-admin flag grants nothing here, except reading the audit
 * trail.
 */
export function can(
  actor: Actor,
  membership: MembershipFacts | null,
  portfolio: PortfolioFacts,
  action: PortfolioAction,
): boolean {
  if (action === 'viewAudit' && actor.siteAdmin) return true
  return ALLOWED[action].includes(standingOf(actor, membership, portfolio))
}

/** Every portfolio action the actor may take, e.g. for a UI to hide buttons. */
export function allowedActions(
  actor: Actor,
  membership: MembershipFacts | null,
  portfolio: PortfolioFacts,
): PortfolioAction[] {
  return PORTFOLIO_ACTIONS.filter((action) => can(actor, membership, portfolio, action))
}

/** Creating and listing companies, creating users, seeing every user: site admins only. */
export function canAdministerSite(actor: Actor): boolean {
  return actor.siteAdmin
}

/** A portfolio is created inside a company by one of its users, or by a site admin. */
export function canCreatePortfolio(actor: Actor, companyId: string): boolean {
  return actor.siteAdmin || actor.companyId === companyId
}

/** Which users an actor may list: everyone (site admins) or their own company's. */
export function canListCompanyUsers(actor: Actor, companyId: string): boolean {
  return actor.siteAdmin || actor.companyId === companyId
}

/**
 * Looking up users of other companies by exact email, to add them as external members: site
 * admins, and managers of at least one portfolio of their own company.
 */
export function canFindUsersByEmail(actor: Actor, managesOwnCompanyPortfolio: boolean): boolean {
  return actor.siteAdmin || managesOwnCompanyPortfolio
}
