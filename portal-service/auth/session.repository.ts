// Reads and writes of sign-in sessions.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { User } from '../users/user.table.js'
import type { NewSession, Session } from './session.table.js'

export async function insertSession(db: Kysely<Database>, session: NewSession): Promise<void> {
  await db.insertInto('sessions').values(session).execute()
}

/** The live session with this hash, joined with its user. */
export async function findLiveSession(
  db: Kysely<Database>,
  idHash: string,
  now: string,
): Promise<{ session: Session; user: User } | undefined> {
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('idHash', '=', idHash)
    .where('expiresAt', '>', now)
    .executeTakeFirst()
  if (!session) return undefined
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', session.userId)
    .executeTakeFirst()
  return user ? { session, user } : undefined
}

export async function touchSession(
  db: Kysely<Database>,
  idHash: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ lastSeenAt, expiresAt })
    .where('idHash', '=', idHash)
    .execute()
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('idHash', '=', idHash).execute()
}

/** Signs the user out everywhere, except (optionally) the session they are using. */
export async function deleteSessionsOfUser(
  db: Kysely<Database>,
  userId: string,
  exceptIdHash?: string,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('userId', '=', userId)
    .$if(exceptIdHash !== undefined, (query) => query.where('idHash', '!=', exceptIdHash!))
    .execute()
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<=', now).execute()
}
