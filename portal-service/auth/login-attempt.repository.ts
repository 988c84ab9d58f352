// Reads and writes of sign-in attempts, for throttling.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { NewLoginAttempt } from './login-attempt.table.js'

export async function insertLoginAttempt(
  db: Kysely<Database>,
  attempt: NewLoginAttempt,
): Promise<void> {
  await db.insertInto('loginAttempts').values(attempt).execute()
}

/** Times of the latest failures for an email since `since`, newest first. */
export async function recentEmailFailures(
  db: Kysely<Database>,
  email: string,
  since: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('loginAttempts')
    .select('at')
    .where('email', '=', email)
    .where('succeeded', '=', 0)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => row.at)
}

/** Times of the latest failures from an address since `since`, newest first. */
export async function recentIpFailures(
  db: Kysely<Database>,
  ip: string,
  since: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('loginAttempts')
    .select('at')
    .where('ip', '=', ip)
    .where('succeeded', '=', 0)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => row.at)
}

export async function lastEmailSuccess(
  db: Kysely<Database>,
  email: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('loginAttempts')
    .select('at')
    .where('email', '=', email)
    .where('succeeded', '=', 1)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.at
}

export async function deleteAttemptsBefore(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('loginAttempts').where('at', '<', before).execute()
}
