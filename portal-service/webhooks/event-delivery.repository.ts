// Remembers recent event deliveries by key, so a delivery seen before (by any instance) is dropped.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'

/**
 * Records every key of one delivery in one statement.
 * @returns false when any of them was seen before: the delivery is a duplicate.
 */
export async function rememberDelivery(
  db: Kysely<Database>,
  portfolioId: string,
  deliveryKeys: readonly string[],
  receivedAt: string,
): Promise<boolean> {
  const keys = [...new Set(deliveryKeys)]
  if (keys.length === 0) return true
  const result = await db
    .insertInto('eventDeliveries')
    .values(keys.map((deliveryKey) => ({ portfolioId, deliveryKey, receivedAt })))
    .onConflict((oc) => oc.columns(['portfolioId', 'deliveryKey']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === keys.length
}

/** Forgets deliveries older than `before`: Jira stops retrying long before that. */
export async function forgetDeliveries(
  db: Kysely<Database>,
  portfolioId: string,
  before: string,
): Promise<void> {
  await db
    .deleteFrom('eventDeliveries')
    .where('portfolioId', '=', portfolioId)
    .where('receivedAt', '<', before)
    .execute()
}
