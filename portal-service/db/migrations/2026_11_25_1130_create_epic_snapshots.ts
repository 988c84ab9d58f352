// Epic snapshots: the last state and figures read from Jira per tracked epic, kept when a sync fails.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('epic_snapshots')
    .addColumn('portfolio_id', 'text', (col) => col.notNull().references('portfolios.id').onDelete('cascade'))
    .addColumn('jira_issue_id', 'text', (col) => col.notNull())
    .addColumn('epic_key', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('status_name', 'text', (col) => col.notNull())
    .addColumn('status_category', 'text', (col) => col.notNull())
    .addColumn('assignee_name', 'text')
    .addColumn('assignee_avatar_url', 'text')
    .addColumn('jira_project_id', 'text', (col) => col.notNull())
    .addColumn('project_key', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('ok'))
    .addColumn('todo', 'integer')
    .addColumn('in_progress', 'integer')
    .addColumn('done', 'integer')
    .addColumn('total', 'integer')
    // double precision: story points are often fractional, and float4 would blur 0.1.
    .addColumn('points_todo', 'double precision')
    .addColumn('points_in_progress', 'double precision')
    .addColumn('points_done', 'double precision')
    .addColumn('points_total', 'double precision')
    .addColumn('unestimated', 'integer')
    .addColumn('has_points', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('epic_read_at', 'text', (col) => col.notNull())
    .addColumn('progress_read_at', 'text')
    .addColumn('stale_since', 'text')
    .addPrimaryKeyConstraint('epic_snapshots_pkey', ['portfolio_id', 'jira_issue_id'])
    .addCheckConstraint('epic_snapshots_state_check', sql`state in ('ok', 'deleted', 'moved_out', 'not_epic')`)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('epic_snapshots').execute()
}
