// Sync runs: when each sync ran, what it cost in Jira calls, and how it ended.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('portfolio_id', 'text', (col) => col.notNull().references('portfolios.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text', (col) => col.notNull().defaultTo('running'))
    .addColumn('calls', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('epics_read', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('children_read', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('error_kind', 'text')
    .addColumn('error_message', 'text')
    .addColumn('instance_id', 'text', (col) => col.notNull())
    .addCheckConstraint('sync_runs_kind_check', sql`kind in ('full', 'incremental', 'epics')`)
    .addCheckConstraint('sync_runs_outcome_check', sql`outcome in ('running', 'ok', 'partial', 'failed')`)
    .execute()
  await db.schema
    .createIndex('sync_runs_portfolio_started_index')
    .on('sync_runs')
    .columns(['portfolio_id', 'started_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sync_runs').execute()
}
