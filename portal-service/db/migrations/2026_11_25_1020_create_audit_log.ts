// Audit log: who changed what in a portfolio, written in the same transaction as the change.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text', (col) => col.references('users.id').onDelete('set null'))
    // Deliberately no foreign key: deleting a portfolio must not erase the record of it.
    .addColumn('portfolio_id', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('target_type', 'text', (col) => col.notNull())
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('audit_log_portfolio_id_at_index')
    .on('audit_log')
    .columns(['portfolio_id', 'at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute()
}
