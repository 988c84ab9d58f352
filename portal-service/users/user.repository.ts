// Reads and writes of users.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { lockForUpdate, toCount } from '../db/dialect.js'
import type { NewUser, User, UserUpdate } from './user.table.js'

export async function insertUser(db: Kysely<Database>, user: NewUser): Promise<User> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow()
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

/** `email` must already be normalized (see `normalizeEmail`). */
export async function findUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
}

export interface UserFilter {
  companyId?: string | undefined
  email?: string | undefined
}

export async function listUsers(db: Kysely<Database>, filter: UserFilter): Promise<User[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .$if(filter.companyId !== undefined, (query) =>
      query.where('companyId', '=', filter.companyId!),
    )
    .$if(filter.email !== undefined, (query) => query.where('email', '=', filter.email!))
    .orderBy('name')
    .orderBy('email')
    .execute()
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow()
  return toCount(row.count)
}

/** Locks the site admins' rows (PostgreSQL) so two admins cannot demote each other at once. */
export async function lockSiteAdmins(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('siteAdmin', '=', 1)
    .$call(lockForUpdate(db))
    .execute()
  return rows.map((row) => row.id)
}

export async function updateUser(
  db: Kysely<Database>,
  id: string,
  update: UserUpdate,
): Promise<void> {
  await db.updateTable('users').set(update).where('id', '=', id).execute()
}
