// Event deliveries seen lately, by delivery key, so every instance drops the same duplicates.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_deliveries')
    .addColumn('portfolio_id', 'text', (col) =>
      col.notNull().references('portfolios.id').onDelete('cascade'),
    )
    .addColumn('delivery_key', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('event_deliveries_pkey', ['portfolio_id', 'delivery_key'])
    .execute()
  await db.schema
    .createIndex('event_deliveries_received_index')
    .on('event_deliveries')
    .columns(['portfolio_id', 'received_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_deliveries').execute()
}
