// Reads and writes of companies.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { Company, NewCompany } from './company.table.js'

export async function insertCompany(db: Kysely<Database>, company: NewCompany): Promise<Company> {
  return db.insertInto('companies').values(company).returningAll().executeTakeFirstOrThrow()
}

export async function findCompanyById(
  db: Kysely<Database>,
  id: string,
): Promise<Company | undefined> {
  return db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listCompanies(db: Kysely<Database>): Promise<Company[]> {
  return db.selectFrom('companies').selectAll().orderBy('name').orderBy('id').execute()
}

/** Case-insensitive, as the unique index on lower(name) compares. */
export async function findCompanyByName(
  db: Kysely<Database>,
  name: string,
): Promise<Company | undefined> {
  return db
    .selectFrom('companies')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst()
}
