// Jira admin webhooks: one per portfolio; its HMAC secret sealed, never in plain text.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jira_webhooks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('portfolio_id', 'text', (col) =>
      col.notNull().unique().references('portfolios.id').onDelete('cascade'),
    )
    // A new connection (another site) needs a new webhook: the old one goes with its connection.
    .addColumn('connection_id', 'text', (col) =>
      col.notNull().references('jira_connections.id').onDelete('cascade'),
    )
    .addColumn('delivery_token', 'text', (col) => col.notNull().unique())
    .addColumn('delivery_url', 'text', (col) => col.notNull())
    .addColumn('secret_sealed', 'text', (col) => col.notNull())
    .addColumn('secret_hint', 'text', (col) => col.notNull())
    .addColumn('events', 'text', (col) => col.notNull())
    .addColumn('jql', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('rotated_at', 'text')
    .addColumn('last_delivery_at', 'text')
    .addColumn('deliveries', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('refused_deliveries', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_refused_at', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jira_webhooks').execute()
}
