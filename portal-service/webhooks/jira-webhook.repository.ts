// Reads and writes of Jira admin webhooks and their delivery counts.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { JiraWebhook, JiraWebhookUpdate, NewJiraWebhook } from './jira-webhook.table.js'

export async function findWebhook(
  db: Kysely<Database>,
  portfolioId: string,
): Promise<JiraWebhook | undefined> {
  return db
    .selectFrom('jiraWebhooks')
    .selectAll()
    .where('portfolioId', '=', portfolioId)
    .executeTakeFirst()
}

export async function findWebhookByToken(
  db: Kysely<Database>,
  deliveryToken: string,
): Promise<JiraWebhook | undefined> {
  return db
    .selectFrom('jiraWebhooks')
    .selectAll()
    .where('deliveryToken', '=', deliveryToken)
    .executeTakeFirst()
}

export async function insertWebhook(trx: Kysely<Database>, row: NewJiraWebhook): Promise<void> {
  await trx.insertInto('jiraWebhooks').values(row).execute()
}

export async function updateWebhook(
  trx: Kysely<Database>,
  id: string,
  changes: JiraWebhookUpdate,
): Promise<void> {
  await trx.updateTable('jiraWebhooks').set(changes).where('id', '=', id).execute()
}

export async function deleteWebhook(trx: Kysely<Database>, portfolioId: string): Promise<number> {
  const result = await trx
    .deleteFrom('jiraWebhooks')
    .where('portfolioId', '=', portfolioId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/**
 * Counts an accepted delivery in one statement (several instances may count at once).
 * @returns the count after this one.
 */
export async function countDelivery(db: Kysely<Database>, id: string, at: string): Promise<number> {
  const row = await db
    .updateTable('jiraWebhooks')
    .set((eb) => ({ deliveries: eb('deliveries', '+', 1), lastDeliveryAt: at }))
    .where('id', '=', id)
    .returning('deliveries')
    .executeTakeFirst()
  return Number(row?.deliveries ?? 0)
}

export async function countRefusal(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db
    .updateTable('jiraWebhooks')
    .set((eb) => ({ refusedDeliveries: eb('refusedDeliveries', '+', 1), lastRefusedAt: at }))
    .where('id', '=', id)
    .execute()
}
