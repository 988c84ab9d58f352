// Reads and writes of Forge event feeds and their delivery counts.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { ForgeEventFeed, NewForgeEventFeed } from './forge-event-feed.table.js'

export async function findFeed(db: Kysely<Database>, portfolioId: string): Promise<ForgeEventFeed | undefined> {
  return db.selectFrom('forgeEventFeeds').selectAll().where('portfolioId', '=', portfolioId).executeTakeFirst()
}

/** A feed that may receive a delivery: its connection is still the portfolio's, still in Forge mode. */
export interface ForgeFeedCandidate {
  feed: ForgeEventFeed
  credentialSealed: string
}

/** Every live feed whose app signs with the secret `keyId` names (several portfolios may share an installation). */
export async function candidatesForKey(db: Kysely<Database>, keyId: string): Promise<ForgeFeedCandidate[]> {
  const rows = await db
    .selectFrom('forgeEventFeeds')
    .innerJoin('jiraConnections', 'jiraConnections.id', 'forgeEventFeeds.connectionId')
    .selectAll('forgeEventFeeds')
    .select('jiraConnections.credentialSealed')
    .where('forgeEventFeeds.keyId', '=', keyId)
    .where('jiraConnections.mode', '=', 'forge')
    .orderBy('forgeEventFeeds.portfolioId')
    .execute()
  return rows.map(({ credentialSealed, ...feed }) => ({ feed, credentialSealed }))
}

/** Creates the portfolio's feed, or points it at a new connection, key and URL; counts are kept. */
export async function saveFeed(db: Kysely<Database>, row: NewForgeEventFeed): Promise<void> {
  const { portfolioId, ...changes } = row
  await db
    .insertInto('forgeEventFeeds')
    .values(row)
    .onConflict((oc) =>
      oc.column('portfolioId').doUpdateSet({
        connectionId: changes.connectionId,
        keyId: changes.keyId,
        eventsUrl: changes.eventsUrl,
        subscribedAt: changes.subscribedAt,
      }),
    )
    .execute()
}

/**
 * Counts an accepted delivery in one statement (several instances may count at once).
 * @returns the count after this one.
 */
export async function countDelivery(db: Kysely<Database>, portfolioId: string, at: string): Promise<number> {
  const row = await db
    .updateTable('forgeEventFeeds')
    .set((eb) => ({ deliveries: eb('deliveries', '+', 1), lastDeliveryAt: at }))
    .where('portfolioId', '=', portfolioId)
    .returning('deliveries')
    .executeTakeFirst()
  return Number(row?.deliveries ?? 0)
}

export async function countRefusal(db: Kysely<Database>, portfolioIds: readonly string[], at: string): Promise<void> {
  if (portfolioIds.length === 0) return
  await db
    .updateTable('forgeEventFeeds')
    .set((eb) => ({ refusedDeliveries: eb('refusedDeliveries', '+', 1), lastRefusedAt: at }))
    .where('portfolioId', 'in', [...portfolioIds])
    .execute()
}
