// Reads and writes of Jira connections (one per portfolio).
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { JiraConnection, JiraConnectionUpdate, NewJiraConnection } from './jira-connection.table.js'

export async function findConnection(db: Kysely<Database>, portfolioId: string): Promise<JiraConnection | undefined> {
  return db.selectFrom('jiraConnections').selectAll().where('portfolioId', '=', portfolioId).executeTakeFirst()
}

export async function insertConnection(trx: Kysely<Database>, row: NewJiraConnection): Promise<void> {
  await trx.insertInto('jiraConnections').values(row).execute()
}

export async function updateConnection(
  db: Kysely<Database>,
  portfolioId: string,
  changes: JiraConnectionUpdate,
): Promise<void> {
  await db.updateTable('jiraConnections').set(changes).where('portfolioId', '=', portfolioId).execute()
}

export async function deleteConnection(trx: Kysely<Database>, portfolioId: string): Promise<void> {
  await trx.deleteFrom('jiraConnections').where('portfolioId', '=', portfolioId).execute()
}

/** Connected portfolios whose last sync attempt is older than `before` (or that never synced). */
export async function findDueConnections(db: Kysely<Database>, before: string, limit: number): Promise<JiraConnection[]> {
  return db
    .selectFrom('jiraConnections')
    .selectAll()
    .where((eb) => eb.or([eb('lastAttemptAt', 'is', null), eb('lastAttemptAt', '<', before)]))
    .orderBy('lastAttemptAt')
    .limit(limit)
    .execute()
}
