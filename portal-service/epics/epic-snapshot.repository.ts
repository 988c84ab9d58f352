// Reads and writes of epic snapshots: the last state and figures read from Jira.
import type { Kysely } from 'kysely'
import type { EpicRecord } from '../../shared/jira/records.js'
import type { Database } from '../db/database.js'
import type { EpicSnapshot, EpicState } from './epic-snapshot.table.js'

export async function findSnapshots(
  db: Kysely<Database>,
  portfolioId: string,
  jiraIssueIds: readonly string[],
): Promise<EpicSnapshot[]> {
  if (jiraIssueIds.length === 0) return []
  return db
    .selectFrom('epicSnapshots')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .where('jiraIssueId', 'in', [...jiraIssueIds])
    .execute()
}

export async function listSnapshots(db: Kysely<Database>, portfolioId: string): Promise<EpicSnapshot[]> {
  return db.selectFrom('epicSnapshots').selectAll().where('portfolioId', '=', portfolioId).execute()
}

/** Stores what Jira says of an epic itself, keeping its figures. */
export async function saveEpicFields(
  db: Kysely<Database>,
  portfolioId: string,
  epic: EpicRecord,
  state: EpicState,
  readAt: string,
): Promise<void> {
  const fields = {
    epicKey: epic.key,
    summary: epic.summary,
    statusName: epic.status.name,
    statusCategory: epic.status.category,
    assigneeName: epic.assignee?.displayName ?? null,
    assigneeAvatarUrl: epic.assignee?.avatarUrl ?? null,
    jiraProjectId: epic.projectId,
    projectKey: epic.projectKey,
    state,
    epicReadAt: readAt,
  }
  await db
    .insertInto('epicSnapshots')
    .values({ portfolioId, jiraIssueId: epic.id, ...fields })
    .onConflict((oc) => oc.columns(['portfolioId', 'jiraIssueId']).doUpdateSet(fields))
    .execute()
}

/** Jira no longer returns these epics: say so, keep everything else (DESIGN.md, Sync). */
export async function markEpicsState(
  db: Kysely<Database>,
  portfolioId: string,
  jiraIssueIds: readonly string[],
  state: EpicState,
): Promise<void> {
  if (jiraIssueIds.length === 0) return
  await db
    .updateTable('epicSnapshots')
    .set({ state })
    .where('portfolioId', '=', portfolioId)
    .where('jiraIssueId', 'in', [...jiraIssueIds])
    .execute()
}

export interface EpicFigures {
  jiraIssueId: string
  todo: number
  inProgress: number
  done: number
  total: number
  pointsTodo: number
  pointsInProgress: number
  pointsDone: number
  pointsTotal: number
  unestimated: number
}

export async function saveFigures(
  db: Kysely<Database>,
  portfolioId: string,
  figures: readonly EpicFigures[],
  hasPoints: boolean,
  readAt: string,
): Promise<void> {
  for (const { jiraIssueId, ...counts } of figures) {
    await db
      .updateTable('epicSnapshots')
      .set({ ...counts, hasPoints: hasPoints ? 1 : 0, progressReadAt: readAt, staleSince: null })
      .where('portfolioId', '=', portfolioId)
      .where('jiraIssueId', '=', jiraIssueId)
      .execute()
  }
}

/**
 * A successful incremental read confirms the figures of epics in readable projects as of
 * `readAt`; they are no longer stale.
 */
export async function confirmFigures(
  db: Kysely<Database>,
  portfolioId: string,
  readableProjectIds: readonly string[],
  readAt: string,
): Promise<void> {
  if (readableProjectIds.length === 0) return
  await db
    .updateTable('epicSnapshots')
    .set({ progressReadAt: readAt, staleSince: null })
    .where('portfolioId', '=', portfolioId)
    .where('progressReadAt', 'is not', null)
    .where('state', '!=', 'deleted')
    .where('jiraProjectId', 'in', [...readableProjectIds])
    .execute()
}

/** A sync failed: figures read before it started are now stale (the first failure's time is kept). */
export async function markStale(db: Kysely<Database>, portfolioId: string, readBefore: string, since: string): Promise<void> {
  await db
    .updateTable('epicSnapshots')
    .set({ staleSince: since })
    .where('portfolioId', '=', portfolioId)
    .where('staleSince', 'is', null)
    .where((eb) => eb.or([eb('progressReadAt', 'is', null), eb('progressReadAt', '<', readBefore)]))
    .execute()
}

/** Epics whose figures were never read (e.g. the read right after linking failed). */
export async function epicsWithoutFigures(db: Kysely<Database>, portfolioId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('epicSnapshots')
    .select('jiraIssueId')
    .where('portfolioId', '=', portfolioId)
    .where('progressReadAt', 'is', null)
    .where('state', '!=', 'deleted')
    .execute()
  return rows.map((row) => row.jiraIssueId)
}

/** Drops snapshots and children of epics no initiative links any more. */
export async function dropUntrackedEpics(db: Kysely<Database>, portfolioId: string): Promise<void> {
  const tracked = db.selectFrom('linkedEpics').select('jiraIssueId').where('portfolioId', '=', portfolioId)
  await db
    .deleteFrom('epicChildren')
    .where('portfolioId', '=', portfolioId)
    .where('epicId', 'not in', tracked)
    .execute()
  await db
    .deleteFrom('epicSnapshots')
    .where('portfolioId', '=', portfolioId)
    .where('jiraIssueId', 'not in', tracked)
    .execute()
}
