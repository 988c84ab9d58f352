// Portfolios: created within a company, listed for their members, edited and deleted by managers.
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Clock } from '../clock.js'
import * as companyRepository from '../companies/company.repository.js'
import type { Database } from '../db/database.js'
import { newId } from '../db/ids.js'
import { ApiError, notFound } from '../http/errors.js'
import * as membershipRepository from '../memberships/membership.repository.js'
import type { Role } from '../memberships/membership.table.js'
import type { Actor } from '../policy/actor.js'
import { allowedActions, type PortfolioAction } from '../policy/policy.js'
import * as userRepository from '../users/user.repository.js'
import * as portfolioRepository from './portfolio.repository.js'
import type { Portfolio, PortfolioUpdate } from './portfolio.table.js'
import { DEFAULT_STAGES, parseStages, serializeStages } from './stages.js'

export interface PortfolioView {
  id: string
  companyId: string
  name: string
  description: string | null
  stages: string[]
  createdAt: string
  updatedAt: string
  /** The caller's role, or null if they are not a member. */
  myRole: Role | null
  /** The caller belongs to another company than the portfolio's. */
  external: boolean
  /** What the caller may do here, per the policy (a UI hides what is not listed). */
  allowedActions: PortfolioAction[]
}

export function toPortfolioView(row: Portfolio, actor: Actor, role: Role | null): PortfolioView {
  return {
    id: row.id,
    companyId: row.companyId,
    name: row.name,
    description: row.description,
    stages: parseStages(row.stages),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    myRole: role,
    external: role !== null && actor.companyId !== row.companyId,
    allowedActions: allowedActions(actor, role ? { role } : null, row),
  }
}

export interface NewPortfolioInput {
  name: string
  companyId: string
  description?: string | null | undefined
  stages?: string[] | undefined
  /** The first manager; defaults to the caller. Must belong to the company. */
  managerId?: string | undefined
}

/**
 * Creates the portfolio and its first manager. The caller has asked the policy
 * (`canCreatePortfolio`).
 * @throws ApiError 422 `unprocessable` for an unknown company or a manager outside it.
 */
export async function createPortfolio(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  input: NewPortfolioInput,
): Promise<PortfolioView> {
  const managerId = input.managerId ?? actor.userId
  const row = await db.transaction().execute(async (trx) => {
    if (!(await companyRepository.findCompanyById(trx, input.companyId))) {
      throw new ApiError(422, 'unprocessable', 'No company has that id.', { field: 'companyId' })
    }
    const manager = await userRepository.findUserById(trx, managerId)
    if (!manager || manager.companyId !== input.companyId) {
      throw new ApiError(
        422,
        'unprocessable',
        input.managerId
          ? 'The manager must be a user of the portfolio’s company.'
          : 'You do not belong to this company: name a managerId from it.',
        { field: 'managerId' },
      )
    }
    const now = clock.now().toISOString()
    const portfolio = await portfolioRepository.insertPortfolio(trx, {
      id: newId(),
      companyId: input.companyId,
      name: input.name,
      description: input.description ?? null,
      stages: serializeStages(input.stages ?? DEFAULT_STAGES),
      createdAt: now,
      updatedAt: now,
    })
    await membershipRepository.insertMembership(trx, {
      portfolioId: portfolio.id,
      userId: manager.id,
      role: 'manager',
      createdAt: now,
      updatedAt: now,
    })
    await auditRepository.recordAudit(trx, clock, {
      actorId: actor.userId,
      portfolioId: portfolio.id,
      action: 'portfolio.created',
      targetType: 'portfolio',
      targetId: portfolio.id,
      details: { name: portfolio.name, managerId: manager.id },
    })
    return portfolio
  })
  return toPortfolioView(row, actor, managerId === actor.userId ? 'manager' : null)
}

export async function listMyPortfolios(
  db: Kysely<Database>,
  actor: Actor,
): Promise<PortfolioView[]> {
  const rows = await portfolioRepository.listPortfoliosOfMember(db, actor.userId)
  return rows.map((row) => toPortfolioView(row, actor, row.role))
}

export interface PortfolioPatch {
  name?: string | undefined
  description?: string | null | undefined
  stages?: string[] | undefined
}

/**
 * Changes the fields sent.
 * @throws ApiError 409 `stage_in_use` when a removed stage still has initiatives.
 */
export async function updatePortfolio(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  portfolioId: string,
  patch: PortfolioPatch,
): Promise<PortfolioView> {
  const row = await db.transaction().execute(async (trx) => {
    const current = await portfolioRepository.lockPortfolio(trx, portfolioId)
    if (!current) throw notFound('Portfolio')
    const update: PortfolioUpdate = {}
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    if (patch.name !== undefined && patch.name !== current.name) {
      update.name = patch.name
      changes.name = { from: current.name, to: patch.name }
    }
    if (patch.description !== undefined && patch.description !== current.description) {
      update.description = patch.description
      changes.description = { from: current.description, to: patch.description }
    }
    const currentStages = parseStages(current.stages)
    if (patch.stages !== undefined && serializeStages(patch.stages) !== current.stages) {
      const kept = new Set(patch.stages)
      const stillUsed = (await portfolioRepository.stagesInUse(trx, portfolioId)).filter(
        (stage) => !kept.has(stage),
      )
      if (stillUsed.length > 0) {
        throw new ApiError(
          409,
          'stage_in_use',
          `Move the initiatives out of ${stillUsed.map((stage) => `"${stage}"`).join(', ')} before removing it.`,
          { stages: stillUsed },
        )
      }
      update.stages = serializeStages(patch.stages)
      changes.stages = { from: currentStages, to: patch.stages }
    }
    if (Object.keys(changes).length === 0) return current
    const updated = await portfolioRepository.updatePortfolio(trx, portfolioId, {
      ...update,
      updatedAt: clock.now().toISOString(),
    })
    await auditRepository.recordAudit(trx, clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'portfolio.updated',
      targetType: 'portfolio',
      targetId: portfolioId,
      details: { changes },
    })
    return updated
  })
  const membership = await membershipRepository.findMembership(db, portfolioId, actor.userId)
  return toPortfolioView(row, actor, membership?.role ?? null)
}

/** Deletes the portfolio with its memberships and initiatives; the audit trail stays. */
export async function deletePortfolio(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  portfolioId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await portfolioRepository.lockPortfolio(trx, portfolioId)
    if (!current) throw notFound('Portfolio')
    await auditRepository.recordAudit(trx, clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'portfolio.deleted',
      targetType: 'portfolio',
      targetId: portfolioId,
      details: { name: current.name },
    })
    await portfolioRepository.deletePortfolio(trx, portfolioId)
  })
}
