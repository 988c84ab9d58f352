// Reads and writes of link intervals: opened by linking, closed by unlinking and by every cascade that unlinks.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { newId } from '../db/ids.js'
import type { LinkInterval } from './link-interval.table.js'

export async function openInterval(
  trx: Kysely<Database>,
  link: { portfolioId: string; initiativeId: string; jiraIssueId: string; epicKey: string },
  at: string,
): Promise<void> {
  await trx.insertInto('epicLinkIntervals').values({ id: newId(), ...link, linkedAt: at, unlinkedAt: null }).execute()
}

/**
 * Closes the open intervals of these links at `at`, keeping the epic's last known key (read
 * from its snapshot, which may go with the last link). Call it before the snapshots are dropped.
 */
export async function closeIntervals(
  trx: Kysely<Database>,
  portfolioId: string,
  links: readonly { initiativeId: string; jiraIssueId: string }[],
  at: string,
): Promise<void> {
  const byInitiative = new Map<string, string[]>()
  for (const { initiativeId, jiraIssueId } of links) byInitiative.set(initiativeId, [...(byInitiative.get(initiativeId) ?? []), jiraIssueId])
  for (const [initiativeId, epicIds] of [...byInitiative].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await trx
      .updateTable('epicLinkIntervals')
      .set((eb) => ({
        unlinkedAt: at,
        epicKey: eb.fn.coalesce(
          eb
            .selectFrom('epicSnapshots')
            .select('epicSnapshots.epicKey')
            .whereRef('epicSnapshots.portfolioId', '=', 'epicLinkIntervals.portfolioId')
            .whereRef('epicSnapshots.jiraIssueId', '=', 'epicLinkIntervals.jiraIssueId'),
          eb.ref('epicLinkIntervals.epicKey'),
        ),
      }))
      .where('portfolioId', '=', portfolioId)
      .where('initiativeId', '=', initiativeId)
      .where('jiraIssueId', 'in', epicIds)
      .where('unlinkedAt', 'is', null)
      .execute()
  }
}

/** The intervals of `initiativeIds` (all of the portfolio's when null) still open at or after `since`. */
export async function intervalsSince(
  db: Kysely<Database>,
  portfolioId: string,
  initiativeIds: readonly string[] | null,
  since: string,
): Promise<LinkInterval[]> {
  if (initiativeIds !== null && initiativeIds.length === 0) return []
  let query = db
    .selectFrom('epicLinkIntervals')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .where((eb) => eb.or([eb('unlinkedAt', 'is', null), eb('unlinkedAt', '>', since)]))
  if (initiativeIds !== null) query = query.where('initiativeId', 'in', [...initiativeIds])
  return query.orderBy('linkedAt').orderBy('id').execute()
}

/** Intervals that closed before `horizon` no longer touch any retained day. */
export async function deleteClosedBefore(db: Kysely<Database>, portfolioId: string, horizon: string): Promise<void> {
  await db.deleteFrom('epicLinkIntervals').where('portfolioId', '=', portfolioId).where('unlinkedAt', '<', horizon).execute()
}
