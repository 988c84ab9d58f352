// Reads and writes of portfolios.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { lockForUpdate } from '../db/dialect.js'
import type { Role } from '../memberships/membership.table.js'
import type { NewPortfolio, Portfolio, PortfolioUpdate } from './portfolio.table.js'

export async function insertPortfolio(
  db: Kysely<Database>,
  portfolio: NewPortfolio,
): Promise<Portfolio> {
  return db.insertInto('portfolios').values(portfolio).returningAll().executeTakeFirstOrThrow()
}

export async function findPortfolioById(
  db: Kysely<Database>,
  id: string,
): Promise<Portfolio | undefined> {
  return db.selectFrom('portfolios').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * Reads and locks the portfolio until the transaction ends: changes that check something about
 * the whole portfolio (its last manager, its stages in use) take this lock first.
 */
export async function lockPortfolio(
  trx: Kysely<Database>,
  id: string,
): Promise<Portfolio | undefined> {
  return trx
    .selectFrom('portfolios')
    .selectAll()
    .where('id', '=', id)
    .$call(lockForUpdate(trx))
    .executeTakeFirst()
}

export type PortfolioWithRole = Portfolio & { role: Role }

/** The portfolios the user is a member of, with the user's role in each. */
export async function listPortfoliosOfMember(
  db: Kysely<Database>,
  userId: string,
): Promise<PortfolioWithRole[]> {
  return db
    .selectFrom('portfolios')
    .innerJoin('memberships', 'memberships.portfolioId', 'portfolios.id')
    .selectAll('portfolios')
    .select('memberships.role')
    .where('memberships.userId', '=', userId)
    .orderBy('portfolios.name')
    .orderBy('portfolios.id')
    .execute()
}

export async function updatePortfolio(
  db: Kysely<Database>,
  id: string,
  update: PortfolioUpdate,
): Promise<Portfolio> {
  return db
    .updateTable('portfolios')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Memberships and initiatives go with it (ON DELETE CASCADE). */
export async function deletePortfolio(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('portfolios').where('id', '=', id).execute()
}

/** The stages at least one of the portfolio's initiatives is in. */
export async function stagesInUse(db: Kysely<Database>, portfolioId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('initiatives')
    .select('stage')
    .distinct()
    .where('portfolioId', '=', portfolioId)
    .execute()
  return rows.map((row) => row.stage)
}
