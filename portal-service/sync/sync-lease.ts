/**
 * @module
 * One instance syncs a portfolio at a time (DESIGN.md, Sync): a lease on the connection row,
 * taken with one conditional update, renewed while the sync runs, and simply left to expire
 * if the instance dies so another can take over.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'

/** True when this instance now holds the lease until `until`. */
export async function acquireLease(
  db: Kysely<Database>,
  portfolioId: string,
  owner: string,
  now: string,
  until: string,
): Promise<boolean> {
  const result = await db
    .updateTable('jiraConnections')
    .set({ syncLeaseOwner: owner, syncLeaseUntil: until })
    .where('portfolioId', '=', portfolioId)
    .where((eb) =>
      eb.or([eb('syncLeaseUntil', 'is', null), eb('syncLeaseUntil', '<', now), eb('syncLeaseOwner', '=', owner)]),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Extends a lease still held; false when it was lost (expired and taken by another). */
export async function renewLease(db: Kysely<Database>, portfolioId: string, owner: string, until: string): Promise<boolean> {
  const result = await db
    .updateTable('jiraConnections')
    .set({ syncLeaseUntil: until })
    .where('portfolioId', '=', portfolioId)
    .where('syncLeaseOwner', '=', owner)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function releaseLease(db: Kysely<Database>, portfolioId: string, owner: string): Promise<void> {
  await db
    .updateTable('jiraConnections')
    .set({ syncLeaseOwner: null, syncLeaseUntil: null })
    .where('portfolioId', '=', portfolioId)
    .where('syncLeaseOwner', '=', owner)
    .execute()
}
