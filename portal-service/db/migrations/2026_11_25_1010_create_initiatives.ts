// Initiatives: the work items of a portfolio, versioned for optimistic concurrency.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('initiatives')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('portfolio_id', 'text', (col) =>
      col.notNull().references('portfolios.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('stage', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('on_track'))
    // The owner must be a member; the application clears it when the member leaves.
    .addColumn('owner_id', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('start_date', 'text')
    .addColumn('target_date', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addCheckConstraint(
      'initiatives_status_check',
      sql`status in ('on_track', 'at_risk', 'off_track')`,
    )
    .addCheckConstraint(
      'initiatives_dates_check',
      sql`start_date is null or target_date is null or start_date < target_date`,
    )
    .execute()
  await db.schema
    .createIndex('initiatives_portfolio_id_index')
    .on('initiatives')
    .column('portfolio_id')
    .execute()
  await db.schema
    .createIndex('initiatives_owner_id_index')
    .on('initiatives')
    .column('owner_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('initiatives').execute()
}
