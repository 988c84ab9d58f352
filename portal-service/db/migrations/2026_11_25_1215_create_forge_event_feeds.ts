// Forge event feeds: where a portfolio's Forge app forwards change notices, and how its deliveries went.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forge_event_feeds')
    .addColumn('portfolio_id', 'text', (col) =>
      col.primaryKey().references('portfolios.id').onDelete('cascade'),
    )
    // A new connection (another site, another app) must subscribe again: the feed goes with its connection.
    .addColumn('connection_id', 'text', (col) =>
      col.notNull().references('jira_connections.id').onDelete('cascade'),
    )
    // The fingerprint of the secret the app signs with; deliveries name it in X-PB-Key-Id.
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('events_url', 'text', (col) => col.notNull())
    .addColumn('subscribed_at', 'text', (col) => col.notNull())
    .addColumn('last_delivery_at', 'text')
    .addColumn('deliveries', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('refused_deliveries', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_refused_at', 'text')
    .execute()
  await db.schema.createIndex('forge_event_feeds_key_index').on('forge_event_feeds').column('key_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('forge_event_feeds').execute()
}
