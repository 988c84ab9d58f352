// Reads and refreshes the precomputed initiative roll-ups (initiative_rollups).
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { lockForUpdate, toCount } from '../db/dialect.js'
import { initiativeProgress, snapshotProgress, type InitiativeProgress } from './epic-view.js'
import type { NewInitiativeRollup } from './initiative-rollup.table.js'

/** Which roll-ups a write touched: named initiatives, the initiatives linking some epics, or all. */
export type RollupScope = { initiativeIds: readonly string[] } | { epicIds: readonly string[] } | 'all'

/** Rows per upsert: 20 columns each stays far below SQLite's and PostgreSQL's parameter limits. */
const UPSERT_CHUNK = 200
/** Values per `in (...)` list. */
const IN_CHUNK = 1000

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Runs `work` in `db`'s transaction, or in a new one when `db` is not already in one. */
export async function withinTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}

async function initiativesOf(trx: Kysely<Database>, portfolioId: string, scope: RollupScope): Promise<string[]> {
  if (scope === 'all') return lockInitiatives(trx, portfolioId, null)
  if ('initiativeIds' in scope) return scope.initiativeIds.length === 0 ? [] : lockInitiatives(trx, portfolioId, scope.initiativeIds)
  const found = new Set<string>()
  for (const ids of chunk([...new Set(scope.epicIds)], IN_CHUNK)) {
    const rows = await trx
      .selectFrom('linkedEpics')
      .select('initiativeId')
      .distinct()
      .where('portfolioId', '=', portfolioId)
      .where('jiraIssueId', 'in', ids)
      .execute()
    for (const row of rows) found.add(row.initiativeId)
  }
  return found.size === 0 ? [] : lockInitiatives(trx, portfolioId, [...found])
}

/**
 * Locks the initiatives (in id order, so concurrent refreshes cannot deadlock) and returns the
 * ones that still exist. On PostgreSQL a refresh that waited here then reads the links and
 * figures committed meanwhile, so an older computation never overwrites a newer one.
 */
async function lockInitiatives(trx: Kysely<Database>, portfolioId: string, ids: readonly string[] | null): Promise<string[]> {
  const found: string[] = []
  for (const group of ids === null ? [null] : chunk([...new Set(ids)].sort(), IN_CHUNK)) {
    let query = trx.selectFrom('initiatives').select('id').where('portfolioId', '=', portfolioId)
    if (group) query = query.where('id', 'in', group)
    const rows = await query.orderBy('id').$call(lockForUpdate(trx)).execute()
    found.push(...rows.map((row) => row.id))
  }
  return found
}

/** Each initiative's progress from its links and their snapshots, as `initiativeEpics` computes it. */
async function compute(trx: Kysely<Database>, portfolioId: string, initiativeIds: readonly string[], all: boolean) {
  const views = new Map<string, { progress: ReturnType<typeof snapshotProgress>; readAt: string | null; stale: boolean }[]>(
    initiativeIds.map((id) => [id, []]),
  )
  for (const group of all ? [null] : chunk(initiativeIds, IN_CHUNK)) {
    let query = trx
      .selectFrom('linkedEpics')
      .leftJoin('epicSnapshots', (join) =>
        join.onRef('epicSnapshots.portfolioId', '=', 'linkedEpics.portfolioId').onRef('epicSnapshots.jiraIssueId', '=', 'linkedEpics.jiraIssueId'),
      )
      .select([
        'linkedEpics.initiativeId',
        'epicSnapshots.statusCategory',
        'epicSnapshots.todo',
        'epicSnapshots.inProgress',
        'epicSnapshots.done',
        'epicSnapshots.total',
        'epicSnapshots.pointsTodo',
        'epicSnapshots.pointsInProgress',
        'epicSnapshots.pointsDone',
        'epicSnapshots.pointsTotal',
        'epicSnapshots.unestimated',
        'epicSnapshots.hasPoints',
        'epicSnapshots.progressReadAt',
        'epicSnapshots.staleSince',
      ])
      .where('linkedEpics.portfolioId', '=', portfolioId)
    if (group) query = query.where('linkedEpics.initiativeId', 'in', group)
    for (const row of await query.execute()) {
      // A link without a snapshot reads as an epic not read yet, as `toEpicView` shows it.
      const read = row.statusCategory === null ? null : snapshotProgress({ ...row, statusCategory: row.statusCategory, hasPoints: row.hasPoints ?? 0 })
      views.get(row.initiativeId)?.push({ progress: read, readAt: read ? row.progressReadAt : null, stale: row.staleSince !== null })
    }
  }
  return views
}

function toRow(portfolioId: string, initiativeId: string, linkedEpics: number, progress: InitiativeProgress): Omit<NewInitiativeRollup, 'version'> {
  const { rollUp } = progress
  return {
    initiativeId,
    portfolioId,
    linkedEpics,
    epics: rollUp.epics,
    epicsWithoutChildren: rollUp.epicsWithoutChildren,
    epicsDoneWithOpenChildren: rollUp.epicsDoneWithOpenChildren,
    todo: rollUp.children.todo,
    inProgress: rollUp.children.inProgress,
    done: rollUp.children.done,
    total: rollUp.children.total,
    percentDone: rollUp.percentDone,
    hasPoints: rollUp.points ? 1 : 0,
    pointsTodo: rollUp.points?.todo ?? 0,
    pointsInProgress: rollUp.points?.inProgress ?? 0,
    pointsDone: rollUp.points?.done ?? 0,
    pointsTotal: rollUp.points?.total ?? 0,
    pointsUnestimated: rollUp.points?.unestimated ?? 0,
    pointsPercentDone: rollUp.points?.percentDone ?? null,
    readAt: progress.readAt,
    stale: progress.stale ? 1 : 0,
  }
}

/**
 * Recomputes the roll-ups in `scope` from the links and snapshots as they now stand, inside the
 * caller's transaction or a new one. Call it after any write that changes a link or a figure.
 */
export async function refreshRollups(db: Kysely<Database>, portfolioId: string, scope: RollupScope): Promise<void> {
  await withinTransaction(db, async (trx) => {
    const initiativeIds = await initiativesOf(trx, portfolioId, scope)
    if (initiativeIds.length === 0) return
    const views = await compute(trx, portfolioId, initiativeIds, scope === 'all')
    const rows = initiativeIds.map((id) => {
      const epics = views.get(id) ?? []
      return { ...toRow(portfolioId, id, epics.length, initiativeProgress(epics)), version: 1 }
    })
    for (const group of chunk(rows, UPSERT_CHUNK)) {
      await trx
        .insertInto('initiativeRollups')
        .values(group)
        .onConflict((oc) =>
          oc.column('initiativeId').doUpdateSet((eb) => ({
            ...Object.fromEntries(
              Object.keys(group[0]!)
                .filter((key) => key !== 'initiativeId' && key !== 'version')
                .map((key) => [key, eb.ref(`excluded.${key}` as `excluded.${keyof NewInitiativeRollup}`)]),
            ),
            version: eb('initiativeRollups.version', '+', 1),
          })),
        )
        .execute()
    }
  })
}

/**
 * The roll-ups of the portfolio's initiatives that have epics linked. A portfolio whose roll-ups
 * were never computed (data from before the table existed) gets them computed here, once.
 */
export async function listRollups(db: Kysely<Database>, portfolioId: string): Promise<Map<string, InitiativeProgress>> {
  let rows = await db.selectFrom('initiativeRollups').selectAll().where('portfolioId', '=', portfolioId).execute()
  if (rows.length === 0) {
    const linked = await db.selectFrom('linkedEpics').select('id').where('portfolioId', '=', portfolioId).limit(1).executeTakeFirst()
    if (!linked) return new Map()
    await refreshRollups(db, portfolioId, 'all')
    rows = await db.selectFrom('initiativeRollups').selectAll().where('portfolioId', '=', portfolioId).execute()
  }
  const progress = new Map<string, InitiativeProgress>()
  for (const row of rows) {
    if (row.linkedEpics === 0) continue
    const points = row.hasPoints === 1
    progress.set(row.initiativeId, {
      rollUp: {
        epics: row.epics,
        epicsWithoutChildren: row.epicsWithoutChildren,
        children: { todo: row.todo, inProgress: row.inProgress, done: row.done, total: row.total },
        percentDone: row.percentDone,
        points: points
          ? {
              todo: row.pointsTodo,
              inProgress: row.pointsInProgress,
              done: row.pointsDone,
              total: row.pointsTotal,
              unestimated: row.pointsUnestimated,
              percentDone: row.pointsPercentDone,
            }
          : null,
        epicsDoneWithOpenChildren: row.epicsDoneWithOpenChildren,
      },
      readAt: row.readAt,
      stale: row.stale === 1,
      epicsNotRead: row.linkedEpics - row.epics,
    })
  }
  return progress
}

/** Changes whenever any roll-up of the portfolio is refreshed, added or removed. */
export async function rollupsFingerprint(db: Kysely<Database>, portfolioId: string): Promise<string> {
  const row = await db
    .selectFrom('initiativeRollups')
    .select((eb) => [eb.fn.countAll().as('count'), eb.fn.sum('version').as('versions')])
    .where('portfolioId', '=', portfolioId)
    .executeTakeFirst()
  return `${toCount(row?.count as number | string | undefined)}:${toCount(row?.versions as number | string | undefined)}`
}
