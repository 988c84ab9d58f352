// Initiative history: each initiative's roll-up at the end of every day it changed, so a burn-up reads one row a day.
// Keyed by initiative alone (no portfolio column or index): the rows are many, and a portfolio's are
// found through its initiatives.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  let table = db.schema
    .createTable('initiative_history')
    .addColumn('initiative_id', 'text', (col) => col.notNull().references('initiatives.id').onDelete('cascade'))
    // YYYY-MM-DD (UTC); the figures are the day's last, which is what a daily chart shows.
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('todo', 'integer', (col) => col.notNull())
    .addColumn('in_progress', 'integer', (col) => col.notNull())
    .addColumn('done', 'integer', (col) => col.notNull())
    .addColumn('points_in_progress', 'double precision', (col) => col.notNull())
    .addColumn('points_done', 'double precision', (col) => col.notNull())
    .addColumn('points_total', 'double precision', (col) => col.notNull())
    .addPrimaryKeyConstraint('initiative_history_pkey', ['initiative_id', 'day'])
  if (!postgres) table = table.modifyEnd(sql`without rowid`)
  await table.execute()
  await db
    .insertInto('initiative_history')
    .columns(['initiative_id', 'day', 'todo', 'in_progress', 'done', 'points_in_progress', 'points_done', 'points_total'])
    .expression(
      db
        .selectFrom('initiative_rollups')
        .select((eb) => [
          'initiative_id',
          eb.fn('substr', ['read_at', eb.lit(1), eb.lit(10)]).as('day'),
          'todo',
          'in_progress',
          'done',
          'points_in_progress',
          'points_done',
          'points_total',
        ])
        .where('read_at', 'is not', null),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('initiative_history').execute()
}
