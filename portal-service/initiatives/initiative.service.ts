// Initiatives: created, edited (with optional optimistic concurrency) and deleted in a portfolio.
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { newId } from '../db/ids.js'
import { deleteUnnamedSeries } from '../history/epic-history.repository.js'
import { ApiError, notFound } from '../http/errors.js'
import * as membershipRepository from '../memberships/membership.repository.js'
import type { Actor } from '../policy/actor.js'
import * as portfolioRepository from '../portfolios/portfolio.repository.js'
import type { Portfolio } from '../portfolios/portfolio.table.js'
import { parseStages } from '../portfolios/stages.js'
import * as initiativeRepository from './initiative.repository.js'
import type { Initiative, InitiativeUpdate, Status } from './initiative.table.js'

export interface InitiativeView {
  id: string
  portfolioId: string
  name: string
  description: string | null
  stage: string
  status: Status
  ownerId: string | null
  startDate: string | null
  targetDate: string | null
  version: number
  createdAt: string
  updatedAt: string
}

export function toInitiativeView(row: Initiative): InitiativeView {
  return {
    id: row.id,
    portfolioId: row.portfolioId,
    name: row.name,
    description: row.description,
    stage: row.stage,
    status: row.status,
    ownerId: row.ownerId,
    startDate: row.startDate,
    targetDate: row.targetDate,
    version: Number(row.version),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** The editable fields; in a patch, `undefined` leaves a field alone and `null` clears it. */
export interface InitiativeFields {
  name: string
  description: string | null
  stage: string
  status: Status
  ownerId: string | null
  startDate: string | null
  targetDate: string | null
}

export type NewInitiativeInput = Pick<InitiativeFields, 'name'> &
  Partial<Omit<InitiativeFields, 'name' | 'stage' | 'status'>> & {
    stage?: string | undefined
    status?: Status | undefined
  }

export type InitiativePatch = Partial<InitiativeFields> & {
  /** If sent, the change applies only to this version (else 409 `edit_conflict`). */
  version?: number | undefined
}

const EDITABLE: (keyof InitiativeFields)[] = [
  'name',
  'description',
  'stage',
  'status',
  'ownerId',
  'startDate',
  'targetDate',
]

// The rules the schema cannot check alone: they depend on the portfolio.
async function checkFields(trx: Kysely<Database>, portfolio: Portfolio, fields: InitiativeFields) {
  const stages = parseStages(portfolio.stages)
  if (!stages.includes(fields.stage)) {
    throw new ApiError(
      422,
      'invalid_stage',
      `"${fields.stage}" is not one of this portfolio’s stages.`,
      {
        field: 'stage',
        stages,
      },
    )
  }
  if (
    fields.ownerId !== null &&
    !(await membershipRepository.findMembership(trx, portfolio.id, fields.ownerId))
  ) {
    throw new ApiError(422, 'invalid_owner', 'The owner must be a member of the portfolio.', {
      field: 'ownerId',
    })
  }
  // YYYY-MM-DD compares correctly as text.
  if (
    fields.startDate !== null &&
    fields.targetDate !== null &&
    fields.startDate >= fields.targetDate
  ) {
    throw new ApiError(
      422,
      'invalid_dates',
      'The start date must be before the go-live (target) date.',
      {
        startDate: fields.startDate,
        targetDate: fields.targetDate,
      },
    )
  }
}

// Stages are checked against the portfolio as it is at commit: lock it against a concurrent edit.
async function lockedPortfolio(trx: Kysely<Database>, portfolioId: string): Promise<Portfolio> {
  const portfolio = await portfolioRepository.lockPortfolio(trx, portfolioId)
  if (!portfolio) throw notFound('Portfolio')
  return portfolio
}

export async function listInitiatives(
  db: Kysely<Database>,
  portfolioId: string,
): Promise<InitiativeView[]> {
  return (await initiativeRepository.listInitiatives(db, portfolioId)).map(toInitiativeView)
}

export async function getInitiative(
  db: Kysely<Database>,
  portfolioId: string,
  initiativeId: string,
): Promise<InitiativeView> {
  const row = await initiativeRepository.findInitiative(db, portfolioId, initiativeId)
  if (!row) throw notFound('Initiative')
  return toInitiativeView(row)
}

/**
 * The stage defaults to the portfolio's first.
 * @throws ApiError 422 `invalid_stage`, `invalid_owner`, `invalid_dates`.
 */
export async function createInitiative(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  portfolioId: string,
  input: NewInitiativeInput,
): Promise<InitiativeView> {
  return db.transaction().execute(async (trx) => {
    const portfolio = await lockedPortfolio(trx, portfolioId)
    const fields: InitiativeFields = {
      name: input.name,
      description: input.description ?? null,
      stage: input.stage ?? parseStages(portfolio.stages)[0] ?? '',
      status: input.status ?? 'on_track',
      ownerId: input.ownerId ?? null,
      startDate: input.startDate ?? null,
      targetDate: input.targetDate ?? null,
    }
    await checkFields(trx, portfolio, fields)
    const now = clock.now().toISOString()
    const row = await initiativeRepository.insertInitiative(trx, {
      id: newId(),
      portfolioId,
      ...fields,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    await auditRepository.recordAudit(trx, clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'initiative.created',
      targetType: 'initiative',
      targetId: row.id,
      details: { name: row.name, stage: row.stage, status: row.status },
    })
    return toInitiativeView(row)
  })
}

/**
 * Changes only the fields sent. Without `version` the last write wins, field by field; with it
 * a stale edit is refused.
 * @throws ApiError 404; 409 `edit_conflict` (details: `currentVersion`, `current`); 422 as create.
 */
export async function updateInitiative(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  portfolioId: string,
  initiativeId: string,
  patch: InitiativePatch,
): Promise<InitiativeView> {
  return db.transaction().execute(async (trx) => {
    const portfolio = await lockedPortfolio(trx, portfolioId)
    const current = await initiativeRepository.findInitiative(trx, portfolioId, initiativeId, {
      lock: true,
    })
    if (!current) throw notFound('Initiative')
    const currentVersion = Number(current.version)
    if (patch.version !== undefined && patch.version !== currentVersion) {
      throw new ApiError(
        409,
        'edit_conflict',
        'Someone else changed this initiative meanwhile: reload it and apply your change again.',
        { currentVersion, current: toInitiativeView(current) },
      )
    }
    const merged: InitiativeFields = { ...current }
    const update: InitiativeUpdate = {}
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    for (const field of EDITABLE) {
      const value = patch[field]
      if (value === undefined || value === current[field]) continue
      Object.assign(merged, { [field]: value })
      Object.assign(update, { [field]: value })
      changes[field] = { from: current[field], to: value }
    }
    if (Object.keys(changes).length === 0) return toInitiativeView(current)
    await checkFields(trx, portfolio, merged)
    const row = await initiativeRepository.updateInitiative(trx, initiativeId, {
      ...update,
      version: currentVersion + 1,
      updatedAt: clock.now().toISOString(),
    })
    await auditRepository.recordAudit(trx, clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'initiative.updated',
      targetType: 'initiative',
      targetId: initiativeId,
      details: { changes },
    })
    return toInitiativeView(row)
  })
}

/** @throws ApiError 404. */
export async function deleteInitiative(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  portfolioId: string,
  initiativeId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await initiativeRepository.findInitiative(trx, portfolioId, initiativeId, {
      lock: true,
    })
    if (!current) throw notFound('Initiative')
    await auditRepository.recordAudit(trx, clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'initiative.deleted',
      targetType: 'initiative',
      targetId: initiativeId,
      details: { name: current.name },
    })
    await initiativeRepository.deleteInitiative(trx, initiativeId)
    // Its link intervals and days went with it; epics no other initiative names lose their history.
    await deleteUnnamedSeries(trx, portfolioId)
  })
}
