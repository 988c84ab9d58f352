// Reads and writes of initiatives.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { lockForUpdate } from '../db/dialect.js'
import type { Initiative, InitiativeUpdate, NewInitiative } from './initiative.table.js'

export async function insertInitiative(
  db: Kysely<Database>,
  initiative: NewInitiative,
): Promise<Initiative> {
  return db.insertInto('initiatives').values(initiative).returningAll().executeTakeFirstOrThrow()
}

/** Scoped to the portfolio, so an id from another portfolio is simply not found. */
export async function findInitiative(
  db: Kysely<Database>,
  portfolioId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Initiative | undefined> {
  return db
    .selectFrom('initiatives')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .where('id', '=', id)
    .$if(options.lock === true, lockForUpdate(db))
    .executeTakeFirst()
}

export async function listInitiatives(
  db: Kysely<Database>,
  portfolioId: string,
): Promise<Initiative[]> {
  return db
    .selectFrom('initiatives')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
}

export async function updateInitiative(
  db: Kysely<Database>,
  id: string,
  update: InitiativeUpdate,
): Promise<Initiative> {
  return db
    .updateTable('initiatives')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function deleteInitiative(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('initiatives').where('id', '=', id).execute()
}

/** Clears the owner of the portfolio's initiatives owned by `userId`; returns their ids. */
export async function clearOwner(
  db: Kysely<Database>,
  portfolioId: string,
  userId: string,
  updatedAt: string,
): Promise<string[]> {
  const rows = await db
    .updateTable('initiatives')
    .set((eb) => ({ ownerId: null, updatedAt, version: eb('version', '+', 1) }))
    .where('portfolioId', '=', portfolioId)
    .where('ownerId', '=', userId)
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}
