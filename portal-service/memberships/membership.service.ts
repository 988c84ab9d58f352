// Portfolio members: added from any company, given a role, removed, and never left managerless.
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { isUniqueViolation } from '../db/dialect.js'
import { ApiError, notFound } from '../http/errors.js'
import * as initiativeRepository from '../initiatives/initiative.repository.js'
import type { Actor } from '../policy/actor.js'
import * as portfolioRepository from '../portfolios/portfolio.repository.js'
import type { Portfolio } from '../portfolios/portfolio.table.js'
import * as userRepository from '../users/user.repository.js'
import * as membershipRepository from './membership.repository.js'
import type { Role } from './membership.table.js'

export interface MemberView {
  userId: string
  email: string
  name: string
  companyId: string
  role: Role
  /** Of another company than the portfolio's: sees the portfolio, changes nothing. */
  external: boolean
  addedAt: string
}

export function toMemberView(
  row: membershipRepository.MemberRow,
  portfolio: Portfolio,
): MemberView {
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    companyId: row.companyId,
    role: row.role,
    external: row.companyId !== portfolio.companyId,
    addedAt: row.createdAt,
  }
}

export async function listMembers(
  db: Kysely<Database>,
  portfolio: Portfolio,
): Promise<MemberView[]> {
  const rows = await membershipRepository.listMembers(db, portfolio.id)
  return rows.map((row) => toMemberView(row, portfolio))
}

const lastManager = () =>
  new ApiError(
    409,
    'last_manager',
    'A portfolio needs a manager from its own company: make someone else manager first.',
  )

// Locks the portfolio so two managers demoting each other at once cannot both succeed.
async function lockedPortfolio(trx: Kysely<Database>, portfolioId: string): Promise<Portfolio> {
  const portfolio = await portfolioRepository.lockPortfolio(trx, portfolioId)
  if (!portfolio) throw notFound('Portfolio')
  return portfolio
}

/**
 * @throws ApiError 422 `unprocessable` for an unknown user; 409 `already_member`.
 */
export async function addMember(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  portfolioId: string,
  input: { userId: string; role: Role },
): Promise<MemberView> {
  const alreadyMember = () =>
    new ApiError(409, 'already_member', 'That user is already a member: change their role instead.')
  try {
    return await db.transaction().execute(async (trx) => {
      const portfolio = await lockedPortfolio(trx, portfolioId)
      const user = await userRepository.findUserById(trx, input.userId)
      if (!user)
        throw new ApiError(422, 'unprocessable', 'No user has that id.', { field: 'userId' })
      if (await membershipRepository.findMembership(trx, portfolioId, user.id))
        throw alreadyMember()
      const now = clock.now().toISOString()
      await membershipRepository.insertMembership(trx, {
        portfolioId,
        userId: user.id,
        role: input.role,
        createdAt: now,
        updatedAt: now,
      })
      const external = user.companyId !== portfolio.companyId
      await auditRepository.recordAudit(trx, clock, {
        actorId: actor.userId,
        portfolioId,
        action: 'member.added',
        targetType: 'user',
        targetId: user.id,
        details: { email: user.email, role: input.role, external },
      })
      const member = await membershipRepository.findMember(trx, portfolioId, user.id)
      return toMemberView(member!, portfolio)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyMember()
    throw error
  }
}

/** @throws ApiError 404 if not a member; 409 `last_manager` when demoting the last one. */
export async function changeRole(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  portfolioId: string,
  userId: string,
  role: Role,
): Promise<MemberView> {
  return db.transaction().execute(async (trx) => {
    const portfolio = await lockedPortfolio(trx, portfolioId)
    const member = await membershipRepository.findMember(trx, portfolioId, userId)
    if (!member) throw notFound('Member')
    if (member.role === role) return toMemberView(member, portfolio)
    if (member.role === 'manager' && member.companyId === portfolio.companyId) {
      const managers = await membershipRepository.countCompanyManagers(
        trx,
        portfolioId,
        portfolio.companyId,
      )
      if (managers <= 1) throw lastManager()
    }
    const now = clock.now().toISOString()
    await membershipRepository.updateMembershipRole(trx, portfolioId, userId, role, now)
    await auditRepository.recordAudit(trx, clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'member.role_changed',
      targetType: 'user',
      targetId: userId,
      details: { email: member.email, from: member.role, to: role },
    })
    return toMemberView({ ...member, role, updatedAt: now }, portfolio)
  })
}

/**
 * Removes the member and clears them as owner of the portfolio's initiatives (an owner must be a
 * member). @throws ApiError 404 if not a member; 409 `last_manager`.
 */
export async function removeMember(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  portfolioId: string,
  userId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const portfolio = await lockedPortfolio(trx, portfolioId)
    const member = await membershipRepository.findMember(trx, portfolioId, userId)
    if (!member) throw notFound('Member')
    if (member.role === 'manager' && member.companyId === portfolio.companyId) {
      const managers = await membershipRepository.countCompanyManagers(
        trx,
        portfolioId,
        portfolio.companyId,
      )
      if (managers <= 1) throw lastManager()
    }
    const now = clock.now().toISOString()
    const unowned = await initiativeRepository.clearOwner(trx, portfolioId, userId, now)
    await membershipRepository.deleteMembership(trx, portfolioId, userId)
    await auditRepository.recordAudit(trx, clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'member.removed',
      targetType: 'user',
      targetId: userId,
      details: { email: member.email, role: member.role, clearedOwnerOf: unowned },
    })
  })
}
