// History compactions: how far each portfolio's history has been compacted, so each day is compacted once.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('history_compactions')
    .addColumn('portfolio_id', 'text', (col) => col.primaryKey().references('portfolios.id').onDelete('cascade'))
    // Midnight (UTC) before which every day keeps one point per epic.
    .addColumn('compacted_before', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('history_compactions').execute()
}
