// Epic history: a compact point per change of an epic's figures, keyed by a small integer series per portfolio and epic.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  // One row per (portfolio, epic): points then carry a 4-byte id instead of a UUID and a Jira id,
  // which halves the size of two years of history (DESIGN.md, "History, trends and forecast").
  await db.schema
    .createTable('epic_history_series')
    .addColumn('id', postgres ? 'serial' : 'integer', (col) => col.primaryKey())
    .addColumn('portfolio_id', 'text', (col) => col.notNull().references('portfolios.id').onDelete('cascade'))
    .addColumn('jira_issue_id', 'text', (col) => col.notNull())
    .addUniqueConstraint('epic_history_series_portfolio_issue_unique', ['portfolio_id', 'jira_issue_id'])
    .execute()
  // Children by status category and points in progress, done and in all; To Do points are the rest.
  let points = db.schema
    .createTable('epic_history')
    .addColumn('series_id', 'integer', (col) => col.notNull().references('epic_history_series.id').onDelete('cascade'))
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addColumn('todo', 'integer', (col) => col.notNull())
    .addColumn('in_progress', 'integer', (col) => col.notNull())
    .addColumn('done', 'integer', (col) => col.notNull())
    .addColumn('points_in_progress', 'double precision', (col) => col.notNull())
    .addColumn('points_done', 'double precision', (col) => col.notNull())
    .addColumn('points_total', 'double precision', (col) => col.notNull())
    // Every read is "the last point of this series at or before t": the key answers it in one seek.
    .addPrimaryKeyConstraint('epic_history_pkey', ['series_id', 'recorded_at'])
  // The key is the table on SQLite: no rowid b-tree beside it, so each point is stored once.
  if (!postgres) points = points.modifyEnd(sql`without rowid`)
  await points.execute()
  // What the portal already knew becomes each epic's first point.
  await db
    .insertInto('epic_history_series')
    .columns(['portfolio_id', 'jira_issue_id'])
    .expression(db.selectFrom('epic_snapshots').select(['portfolio_id', 'jira_issue_id']).where('progress_read_at', 'is not', null))
    .execute()
  await db
    .insertInto('epic_history')
    .columns(['series_id', 'recorded_at', 'todo', 'in_progress', 'done', 'points_in_progress', 'points_done', 'points_total'])
    .expression(
      db
        .selectFrom('epic_snapshots as e')
        .innerJoin('epic_history_series as s', (join) => join.onRef('s.portfolio_id', '=', 'e.portfolio_id').onRef('s.jira_issue_id', '=', 'e.jira_issue_id'))
        .select((eb) => [
          's.id',
          'e.progress_read_at',
          eb.fn.coalesce('e.todo', eb.lit(0)).as('todo'),
          eb.fn.coalesce('e.in_progress', eb.lit(0)).as('in_progress'),
          eb.fn.coalesce('e.done', eb.lit(0)).as('done'),
          eb.fn.coalesce('e.points_in_progress', eb.lit(0)).as('points_in_progress'),
          eb.fn.coalesce('e.points_done', eb.lit(0)).as('points_done'),
          eb.fn.coalesce('e.points_total', eb.lit(0)).as('points_total'),
        ])
        .where('e.progress_read_at', 'is not', null),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('epic_history').execute()
  await db.schema.dropTable('epic_history_series').execute()
}
