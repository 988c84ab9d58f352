// Users as the API shows and manages them.
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import * as sessionRepository from '../auth/session.repository.js'
import type { Clock } from '../clock.js'
import * as companyRepository from '../companies/company.repository.js'
import type { Database } from '../db/database.js'
import { isUniqueViolation } from '../db/dialect.js'
import { newId } from '../db/ids.js'
import { ApiError, notFound } from '../http/errors.js'
import * as membershipRepository from '../memberships/membership.repository.js'
import type { Actor } from '../policy/actor.js'
import { canFindUsersByEmail, canListCompanyUsers } from '../policy/policy.js'
import { hashPassword, type ScryptParams } from './password.js'
import * as userRepository from './user.repository.js'
import type { User, UserUpdate } from './user.table.js'

/** A user as any API response shows it: never the password hash. */
export interface UserView {
  id: string
  email: string
  name: string
  companyId: string
  siteAdmin: boolean
  createdAt: string
}

export function toUserView(row: User): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    companyId: row.companyId,
    siteAdmin: row.siteAdmin === 1,
    createdAt: row.createdAt,
  }
}

export function toActor(user: UserView): Actor {
  return { userId: user.id, companyId: user.companyId, siteAdmin: user.siteAdmin }
}

/** Emails compare case-insensitively: they are stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

export interface NewUserInput {
  email: string
  name: string
  password: string
  companyId: string
  siteAdmin?: boolean | undefined
}

/**
 * @throws ApiError 422 `unprocessable` for an unknown company, 409 `email_taken`.
 */
export async function createUser(
  db: Kysely<Database>,
  clock: Clock,
  actorId: string | null,
  input: NewUserInput,
  scryptParams?: ScryptParams,
): Promise<UserView> {
  const email = normalizeEmail(input.email)
  // Hash outside the transaction: it takes ~100 ms and holds no lock.
  const passwordHash = await hashPassword(input.password, scryptParams)
  try {
    const user = await db.transaction().execute(async (trx) => {
      if (!(await companyRepository.findCompanyById(trx, input.companyId))) {
        throw new ApiError(422, 'unprocessable', 'No company has that id.', { field: 'companyId' })
      }
      const now = clock.now().toISOString()
      const row = await userRepository.insertUser(trx, {
        id: newId(),
        companyId: input.companyId,
        email,
        name: input.name,
        passwordHash,
        siteAdmin: input.siteAdmin ? 1 : 0,
        createdAt: now,
        updatedAt: now,
      })
      await auditRepository.recordAudit(trx, clock, {
        actorId,
        portfolioId: null,
        action: 'user.created',
        targetType: 'user',
        targetId: row.id,
        details: { email, companyId: row.companyId, siteAdmin: row.siteAdmin === 1 },
      })
      return row
    })
    return toUserView(user)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(409, 'email_taken', 'A user with that email already exists.')
    }
    throw error
  }
}

export interface UserPatch {
  name?: string | undefined
  password?: string | undefined
  siteAdmin?: boolean | undefined
}

/**
 * A site admin's changes to a user. A new password signs the user out everywhere (their access
 * tokens stay: they are revoked one by one).
 * @throws ApiError 404 for an unknown user; 409 `last_site_admin` when removing the last one.
 */
export async function updateUser(
  db: Kysely<Database>,
  clock: Clock,
  actorId: string,
  userId: string,
  patch: UserPatch,
  scryptParams?: ScryptParams,
): Promise<UserView> {
  const passwordHash =
    patch.password === undefined ? undefined : await hashPassword(patch.password, scryptParams)
  const row = await db.transaction().execute(async (trx) => {
    const admins = await userRepository.lockSiteAdmins(trx)
    const current = await userRepository.findUserById(trx, userId)
    if (!current) throw notFound('User')
    const update: UserUpdate = {}
    const changes: Record<string, unknown> = {}
    if (patch.name !== undefined && patch.name !== current.name) {
      update.name = patch.name
      changes.name = { from: current.name, to: patch.name }
    }
    if (patch.siteAdmin !== undefined && patch.siteAdmin !== (current.siteAdmin === 1)) {
      if (!patch.siteAdmin && admins.length <= 1) {
        throw new ApiError(409, 'last_site_admin', 'Make someone else a site admin first.')
      }
      update.siteAdmin = patch.siteAdmin ? 1 : 0
      changes.siteAdmin = { from: current.siteAdmin === 1, to: patch.siteAdmin }
    }
    if (passwordHash !== undefined) {
      update.passwordHash = passwordHash
      changes.password = 'reset'
      await sessionRepository.deleteSessionsOfUser(trx, userId)
    }
    if (Object.keys(changes).length === 0) return current
    await userRepository.updateUser(trx, userId, {
      ...update,
      updatedAt: clock.now().toISOString(),
    })
    await auditRepository.recordAudit(trx, clock, {
      actorId,
      portfolioId: null,
      action: 'user.updated',
      targetType: 'user',
      targetId: userId,
      details: { changes },
    })
    return { ...current, ...update }
  })
  return toUserView(row)
}

export interface UserQuery {
  companyId?: string | undefined
  email?: string | undefined
}

/**
 * The users the actor may see: site admins see everyone; others see their own company, and
 * managers may also find a user of another company by exact email (to add an external member).
 * Filters the actor may not use give an empty list rather than an error.
 */
export async function listVisibleUsers(
  db: Kysely<Database>,
  actor: Actor,
  query: UserQuery,
): Promise<UserView[]> {
  const email = query.email === undefined ? undefined : normalizeEmail(query.email)
  let rows: User[]
  if (actor.siteAdmin) {
    rows = await userRepository.listUsers(db, { companyId: query.companyId, email })
  } else if (
    email !== undefined &&
    canFindUsersByEmail(
      actor,
      await membershipRepository.managesOwnCompanyPortfolio(db, actor.userId, actor.companyId),
    )
  ) {
    rows = await userRepository.listUsers(db, { companyId: query.companyId, email })
  } else if (query.companyId !== undefined && !canListCompanyUsers(actor, query.companyId)) {
    rows = []
  } else {
    rows = await userRepository.listUsers(db, { companyId: actor.companyId, email })
  }
  return rows.map(toUserView)
}
