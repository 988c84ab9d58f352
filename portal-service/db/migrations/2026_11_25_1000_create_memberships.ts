// Memberships: a user's role in a portfolio (at most one per user and portfolio).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('memberships')
    .addColumn('portfolio_id', 'text', (col) =>
      col.notNull().references('portfolios.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('memberships_pkey', ['portfolio_id', 'user_id'])
    .addCheckConstraint('memberships_role_check', sql`role in ('manager', 'contributor', 'viewer')`)
    .execute()
  // "Which portfolios am I in?" is asked on every list.
  await db.schema
    .createIndex('memberships_user_id_index')
    .on('memberships')
    .column('user_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('memberships').execute()
}
