// Reads and writes of epic snapshots: the last state and figures read from Jira. Every write that
// changes what an initiative's roll-up shows refreshes the roll-ups it touches, in the same go.
import type { Kysely } from 'kysely'
import type { EpicRecord } from '../../shared/jira/records.js'
import type { Database } from '../db/database.js'
import { changedEpics, recordFigureChanges } from '../history/history-recorder.js'
import type { EpicSnapshot, EpicState } from './epic-snapshot.table.js'
import { refreshRollups, withinTransaction } from './initiative-rollup.repository.js'

/** Rows per multi-row upsert: 14 columns each stays far below the databases' parameter limits. */
const UPSERT_CHUNK = 500

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

/** Children each epic had at its last read (epics never read are left out): how a sync plans its queries. */
export async function knownTotals(db: Kysely<Database>, portfolioId: string, jiraIssueIds: readonly string[]): Promise<Map<string, number>> {
  const wanted = new Set(jiraIssueIds)
  const rows = await db
    .selectFrom('epicSnapshots')
    .select(['jiraIssueId', 'total'])
    .where('portfolioId', '=', portfolioId)
    .where('total', 'is not', null)
    .execute()
  return new Map(rows.filter((row) => wanted.has(row.jiraIssueId)).map((row) => [row.jiraIssueId, Number(row.total)]))
}

export async function listSnapshots(db: Kysely<Database>, portfolioId: string): Promise<EpicSnapshot[]> {
  return db.selectFrom('epicSnapshots').selectAll().where('portfolioId', '=', portfolioId).execute()
}

function epicFields(epic: EpicRecord, state: EpicState, readAt: string) {
  return {
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
}

/** Stores what Jira says of an epic itself, keeping its figures. */
export async function saveEpicFields(
  db: Kysely<Database>,
  portfolioId: string,
  epic: EpicRecord,
  state: EpicState,
  readAt: string,
): Promise<void> {
  await saveEpicsFields(db, portfolioId, [{ epic, state }], readAt)
}

/** `saveEpicFields` for many epics at once: a few multi-row upserts and one roll-up refresh. */
export async function saveEpicsFields(
  db: Kysely<Database>,
  portfolioId: string,
  epics: readonly { epic: EpicRecord; state: EpicState }[],
  readAt: string,
): Promise<void> {
  if (epics.length === 0) return
  await withinTransaction(db, async (trx) => {
    for (let i = 0; i < epics.length; i += UPSERT_CHUNK) {
      const rows = epics
        .slice(i, i + UPSERT_CHUNK)
        .map(({ epic, state }) => ({ portfolioId, jiraIssueId: epic.id, ...epicFields(epic, state, readAt) }))
      await trx
        .insertInto('epicSnapshots')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['portfolioId', 'jiraIssueId']).doUpdateSet((eb) => ({
            epicKey: eb.ref('excluded.epicKey'),
            summary: eb.ref('excluded.summary'),
            statusName: eb.ref('excluded.statusName'),
            statusCategory: eb.ref('excluded.statusCategory'),
            assigneeName: eb.ref('excluded.assigneeName'),
            assigneeAvatarUrl: eb.ref('excluded.assigneeAvatarUrl'),
            jiraProjectId: eb.ref('excluded.jiraProjectId'),
            projectKey: eb.ref('excluded.projectKey'),
            state: eb.ref('excluded.state'),
            epicReadAt: eb.ref('excluded.epicReadAt'),
          })),
        )
        .execute()
    }
    // The epic's own status feeds the "Done with open children" count of its initiatives.
    await refreshRollups(trx, portfolioId, { epicIds: epics.map(({ epic }) => epic.id) })
  })
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
  if (figures.length === 0) return
  // One transaction: the figures, the roll-ups over them and their history change together.
  await withinTransaction(db, async (trx) => {
    const before = await storedFigures(trx, portfolioId, figures.map((f) => f.jiraIssueId))
    for (const { jiraIssueId, ...counts } of figures) {
      await trx
        .updateTable('epicSnapshots')
        .set({ ...counts, hasPoints: hasPoints ? 1 : 0, progressReadAt: readAt, staleSince: null })
        .where('portfolioId', '=', portfolioId)
        .where('jiraIssueId', '=', jiraIssueId)
        .execute()
    }
    await refreshRollups(trx, portfolioId, { epicIds: figures.map((f) => f.jiraIssueId) })
    await recordFigureChanges(trx, portfolioId, changedEpics(before, figures), readAt)
  })
}

/** The figures stored for `jiraIssueIds` before a read replaces them. */
async function storedFigures(trx: Kysely<Database>, portfolioId: string, jiraIssueIds: readonly string[]) {
  const rows = await trx
    .selectFrom('epicSnapshots')
    .select(['jiraIssueId', 'progressReadAt', 'todo', 'inProgress', 'done', 'pointsInProgress', 'pointsDone', 'pointsTotal'])
    .where('portfolioId', '=', portfolioId)
    .where('jiraIssueId', 'in', [...jiraIssueIds])
    .execute()
  return new Map(rows.map((row) => [row.jiraIssueId, row]))
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
  await withinTransaction(db, async (trx) => {
    await trx
      .updateTable('epicSnapshots')
      .set({ progressReadAt: readAt, staleSince: null })
      .where('portfolioId', '=', portfolioId)
      .where('progressReadAt', 'is not', null)
      .where('state', '!=', 'deleted')
      .where('jiraProjectId', 'in', [...readableProjectIds])
      .execute()
    await refreshRollups(trx, portfolioId, 'all')
  })
}

/** A sync failed: figures read before it started are now stale (the first failure's time is kept). */
export async function markStale(db: Kysely<Database>, portfolioId: string, readBefore: string, since: string): Promise<void> {
  await withinTransaction(db, async (trx) => {
    await trx
      .updateTable('epicSnapshots')
      .set({ staleSince: since })
      .where('portfolioId', '=', portfolioId)
      .where('staleSince', 'is', null)
      .where((eb) => eb.or([eb('progressReadAt', 'is', null), eb('progressReadAt', '<', readBefore)]))
      .execute()
    await refreshRollups(trx, portfolioId, 'all')
  })
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

/**
 * Drops snapshots and children of epics no initiative links any more, and refreshes every
 * roll-up: callers run it right after removing links (unlink, project unlink, connection delete).
 */
export async function dropUntrackedEpics(db: Kysely<Database>, portfolioId: string): Promise<void> {
  await withinTransaction(db, async (trx) => {
    const tracked = trx.selectFrom('linkedEpics').select('jiraIssueId').where('portfolioId', '=', portfolioId)
    await trx
      .deleteFrom('epicChildren')
      .where('portfolioId', '=', portfolioId)
      .where('epicId', 'not in', tracked)
      .execute()
    await trx
      .deleteFrom('epicSnapshots')
      .where('portfolioId', '=', portfolioId)
      .where('jiraIssueId', 'not in', tracked)
      .execute()
    await refreshRollups(trx, portfolioId, 'all')
  })
}
