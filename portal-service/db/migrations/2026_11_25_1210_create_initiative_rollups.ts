// Initiative roll-ups: each initiative's progress over its epics, kept current by every write that
// changes links or figures, so the landscape reads one row per initiative instead of every epic.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('initiative_rollups')
    .addColumn('initiative_id', 'text', (col) => col.primaryKey().references('initiatives.id').onDelete('cascade'))
    .addColumn('portfolio_id', 'text', (col) => col.notNull().references('portfolios.id').onDelete('cascade'))
    .addColumn('linked_epics', 'integer', (col) => col.notNull())
    // Epics whose figures have been read: the roll-up counts only these.
    .addColumn('epics', 'integer', (col) => col.notNull())
    .addColumn('epics_without_children', 'integer', (col) => col.notNull())
    .addColumn('epics_done_with_open_children', 'integer', (col) => col.notNull())
    .addColumn('todo', 'integer', (col) => col.notNull())
    .addColumn('in_progress', 'integer', (col) => col.notNull())
    .addColumn('done', 'integer', (col) => col.notNull())
    .addColumn('total', 'integer', (col) => col.notNull())
    .addColumn('percent_done', 'integer')
    .addColumn('has_points', 'integer', (col) => col.notNull())
    // double precision: story points are often fractional (as in epic_snapshots).
    .addColumn('points_todo', 'double precision', (col) => col.notNull())
    .addColumn('points_in_progress', 'double precision', (col) => col.notNull())
    .addColumn('points_done', 'double precision', (col) => col.notNull())
    .addColumn('points_total', 'double precision', (col) => col.notNull())
    .addColumn('points_unestimated', 'integer', (col) => col.notNull())
    .addColumn('points_percent_done', 'integer')
    .addColumn('read_at', 'text')
    .addColumn('stale', 'integer', (col) => col.notNull())
    // Bumped on every refresh: readers that cache the landscape compare it.
    .addColumn('version', 'integer', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('initiative_rollups_portfolio_id_index')
    .on('initiative_rollups')
    .column('portfolio_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('initiative_rollups').execute()
}
