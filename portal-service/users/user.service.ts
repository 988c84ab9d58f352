// Users as the API shows and manages them.
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Clock } from '../clock.js'
import * as companyRepository from '../companies/company.repository.js'
import type { Database } from '../db/database.js'
import { isUniqueViolation } from '../db/dialect.js'
import { newId } from '../db/ids.js'
import { ApiError } from '../http/errors.js'
import * as membershipRepository from '../memberships/membership.repository.js'
import type { Actor } from '../policy/actor.js'
import { canFindUsersByEmail, canListCompanyUsers } from '../policy/policy.js'
import { hashPassword, type ScryptParams } from './password.js'
import * as userRepository from './user.repository.js'
import type { User } from './user.table.js'

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
