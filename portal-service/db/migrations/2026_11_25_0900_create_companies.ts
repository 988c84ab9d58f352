// Companies: the owners of users and portfolios.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  // "Acme" and "ACME" are the same company to the people choosing one from a list.
  await db.schema
    .createIndex('companies_name_unique')
    .on('companies')
    .unique()
    .expression(sql`lower(name)`)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('companies').execute()
}
