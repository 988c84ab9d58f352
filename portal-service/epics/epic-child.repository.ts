// Reads and writes of the children behind each tracked epic's figures.
import type { Kysely } from 'kysely'
import type { ChildRecord } from '../../shared/jira/records.js'
import type { Database } from '../db/database.js'
import type { EpicFigures } from './epic-snapshot.repository.js'

/**
 * Inserts or updates children; sorted by id so concurrent writers lock rows in one order.
 * @param seenRun the full read that saw them; undefined for incremental reads, which must not
 *   disturb the mark a full read of the same epic may be setting at the same moment.
 */
export async function upsertChildren(
  db: Kysely<Database>,
  portfolioId: string,
  children: readonly ChildRecord[],
  seenRun: string | undefined,
): Promise<void> {
  if (children.length === 0) return
  const rows = [...children]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((child) => ({
      portfolioId,
      jiraIssueId: child.id,
      issueKey: child.key,
      epicId: child.epicId,
      statusCategory: child.statusCategory,
      storyPoints: child.storyPoints,
      seenRun: seenRun ?? null,
    }))
  await db
    .insertInto('epicChildren')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['portfolioId', 'jiraIssueId']).doUpdateSet((eb) => ({
        issueKey: eb.ref('excluded.issueKey'),
        epicId: eb.ref('excluded.epicId'),
        statusCategory: eb.ref('excluded.statusCategory'),
        storyPoints: eb.ref('excluded.storyPoints'),
        ...(seenRun === undefined ? {} : { seenRun: eb.ref('excluded.seenRun') }),
      })),
    )
    .execute()
}

export async function removeChildren(db: Kysely<Database>, portfolioId: string, childIds: readonly string[]): Promise<void> {
  if (childIds.length === 0) return
  await db
    .deleteFrom('epicChildren')
    .where('portfolioId', '=', portfolioId)
    .where('jiraIssueId', 'in', [...childIds])
    .execute()
}

/** After a full read of `epicIds`, children the run did not see are no longer theirs. */
export async function sweepChildren(
  db: Kysely<Database>,
  portfolioId: string,
  epicIds: readonly string[],
  runId: string,
): Promise<void> {
  if (epicIds.length === 0) return
  await db
    .deleteFrom('epicChildren')
    .where('portfolioId', '=', portfolioId)
    .where('epicId', 'in', [...epicIds])
    .where((eb) => eb.or([eb('seenRun', 'is', null), eb('seenRun', '!=', runId)]))
    .execute()
}

/** For each of `childIds` we hold, the epic it belongs to. */
export async function epicOfChildren(
  db: Kysely<Database>,
  portfolioId: string,
  childIds: readonly string[],
): Promise<Map<string, string>> {
  if (childIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('epicChildren')
    .select(['jiraIssueId', 'epicId'])
    .where('portfolioId', '=', portfolioId)
    .where('jiraIssueId', 'in', [...childIds])
    .execute()
  return new Map(rows.map((row) => [row.jiraIssueId, row.epicId]))
}

/** Sums the stored children of `epicIds` by status category; epics without children get zeros. */
export async function sumChildren(
  db: Kysely<Database>,
  portfolioId: string,
  epicIds: readonly string[],
): Promise<EpicFigures[]> {
  if (epicIds.length === 0) return []
  const rows = await db
    .selectFrom('epicChildren')
    .select((eb) => [
      'epicId',
      'statusCategory',
      eb.fn.countAll().as('children'),
      eb.fn.count('storyPoints').as('estimated'),
      eb.fn.sum('storyPoints').as('points'),
    ])
    .where('portfolioId', '=', portfolioId)
    .where('epicId', 'in', [...epicIds])
    .groupBy(['epicId', 'statusCategory'])
    .execute()
  const figures = new Map<string, EpicFigures>(
    epicIds.map((id) => [
      id,
      { jiraIssueId: id, todo: 0, inProgress: 0, done: 0, total: 0, pointsTodo: 0, pointsInProgress: 0, pointsDone: 0, pointsTotal: 0, unestimated: 0 },
    ]),
  )
  for (const row of rows) {
    const entry = figures.get(row.epicId)
    if (!entry) continue
    const children = Number(row.children)
    const estimated = Number(row.estimated)
    const points = Number(row.points ?? 0)
    entry.total += children
    entry.pointsTotal += points
    entry.unestimated += children - estimated
    if (row.statusCategory === 'done') {
      entry.done += children
      entry.pointsDone += points
    } else if (row.statusCategory === 'indeterminate') {
      entry.inProgress += children
      entry.pointsInProgress += points
    } else {
      entry.todo += children
      entry.pointsTodo += points
    }
  }
  return [...figures.values()]
}
