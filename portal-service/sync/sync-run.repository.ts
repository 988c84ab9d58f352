// Reads and writes of sync runs.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { NewSyncRun, SyncRun, SyncRunUpdate } from './sync-run.table.js'

export async function insertSyncRun(db: Kysely<Database>, row: NewSyncRun): Promise<void> {
  await db.insertInto('syncRuns').values(row).execute()
}

export async function finishSyncRun(db: Kysely<Database>, id: string, changes: SyncRunUpdate): Promise<void> {
  await db.updateTable('syncRuns').set(changes).where('id', '=', id).execute()
}

export async function latestSyncRuns(db: Kysely<Database>, portfolioId: string, limit: number): Promise<SyncRun[]> {
  return db
    .selectFrom('syncRuns')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .orderBy('startedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** Runs left `running` by an instance that died: they ended, without saying how. */
export async function closeAbandonedRuns(db: Kysely<Database>, portfolioId: string, now: string): Promise<void> {
  await db
    .updateTable('syncRuns')
    .set({ outcome: 'failed', finishedAt: now, errorKind: 'abandoned', errorMessage: 'The portal stopped during this sync.' })
    .where('portfolioId', '=', portfolioId)
    .where('outcome', '=', 'running')
    .execute()
}
