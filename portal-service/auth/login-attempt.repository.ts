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

/** Who failed to sign in: an account's email, or the address the attempts came from. */
export type FailureSource = { email: string } | { ip: string }

/** Times of the latest failures from `source` since `since`, newest first. */
export async function recentFailures(
  db: Kysely<Database>,
  source: FailureSource,
  since: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('loginAttempts')
    .select('at')
    .$call((query) => ('email' in source ? query.where('email', '=', source.email) : query.where('ip', '=', source.ip)))
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
