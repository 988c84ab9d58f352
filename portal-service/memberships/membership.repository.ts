// Reads and writes of portfolio memberships.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { toCount } from '../db/dialect.js'
import type { Membership, NewMembership, Role } from './membership.table.js'

export async function findMembership(
  db: Kysely<Database>,
  portfolioId: string,
  userId: string,
): Promise<Membership | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .where('userId', '=', userId)
    .executeTakeFirst()
}

export async function insertMembership(
  db: Kysely<Database>,
  membership: NewMembership,
): Promise<void> {
  await db.insertInto('memberships').values(membership).execute()
}

export async function updateMembershipRole(
  db: Kysely<Database>,
  portfolioId: string,
  userId: string,
  role: Role,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ role, updatedAt })
    .where('portfolioId', '=', portfolioId)
    .where('userId', '=', userId)
    .execute()
}

export async function deleteMembership(
  db: Kysely<Database>,
  portfolioId: string,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom('memberships')
    .where('portfolioId', '=', portfolioId)
    .where('userId', '=', userId)
    .execute()
}

export type MemberRow = Membership & { email: string; name: string; companyId: string }

export async function listMembers(db: Kysely<Database>, portfolioId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .selectAll('memberships')
    .select(['users.email', 'users.name', 'users.companyId'])
    .where('memberships.portfolioId', '=', portfolioId)
    .orderBy('users.name')
    .orderBy('users.email')
    .execute()
}

export async function findMember(
  db: Kysely<Database>,
  portfolioId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .selectAll('memberships')
    .select(['users.email', 'users.name', 'users.companyId'])
    .where('memberships.portfolioId', '=', portfolioId)
    .where('memberships.userId', '=', userId)
    .executeTakeFirst()
}

/** Managers who belong to `companyId` (the portfolio's company): the ones who can manage it. */
export async function countCompanyManagers(
  db: Kysely<Database>,
  portfolioId: string,
  companyId: string,
): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('memberships.portfolioId', '=', portfolioId)
    .where('memberships.role', '=', 'manager')
    .where('users.companyId', '=', companyId)
    .executeTakeFirstOrThrow()
  return toCount(row.count)
}

/** Whether the user manages at least one portfolio of their own company. */
export async function managesOwnCompanyPortfolio(
  db: Kysely<Database>,
  userId: string,
  companyId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('portfolios', 'portfolios.id', 'memberships.portfolioId')
    .select('memberships.portfolioId')
    .where('memberships.userId', '=', userId)
    .where('memberships.role', '=', 'manager')
    .where('portfolios.companyId', '=', companyId)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
