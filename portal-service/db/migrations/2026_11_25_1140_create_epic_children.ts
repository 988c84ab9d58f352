// Epic children: one row per child issue of a tracked epic, for incremental syncs.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('epic_children')
    .addColumn('portfolio_id', 'text', (col) => col.notNull().references('portfolios.id').onDelete('cascade'))
    .addColumn('jira_issue_id', 'text', (col) => col.notNull())
    .addColumn('issue_key', 'text', (col) => col.notNull())
    .addColumn('epic_id', 'text', (col) => col.notNull())
    .addColumn('status_category', 'text', (col) => col.notNull())
    .addColumn('story_points', 'double precision')
    .addColumn('seen_run', 'text')
    .addPrimaryKeyConstraint('epic_children_pkey', ['portfolio_id', 'jira_issue_id'])
    .execute()
  await db.schema
    .createIndex('epic_children_portfolio_epic_index')
    .on('epic_children')
    .columns(['portfolio_id', 'epic_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('epic_children').execute()
}
