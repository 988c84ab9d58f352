// Users: people who sign in; each belongs to one company.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    // A company with users cannot be deleted by accident.
    .addColumn('company_id', 'text', (col) =>
      col.notNull().references('companies.id').onDelete('restrict'),
    )
    // Stored lower-cased by the application, so this index is case-insensitive in effect.
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('site_admin', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addCheckConstraint('users_site_admin_check', sql`site_admin in (0, 1)`)
    .execute()
  await db.schema.createIndex('users_company_id_index').on('users').column('company_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('users').execute()
}
