// Reads and writes of personal access tokens.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { User } from '../users/user.table.js'
import type { NewPersonalAccessToken, PersonalAccessToken } from './access-token.table.js'

export async function insertAccessToken(
  db: Kysely<Database>,
  token: NewPersonalAccessToken,
): Promise<PersonalAccessToken> {
  return db
    .insertInto('personalAccessTokens')
    .values(token)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function listAccessTokens(
  db: Kysely<Database>,
  userId: string,
): Promise<PersonalAccessToken[]> {
  return db
    .selectFrom('personalAccessTokens')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
}

/** Deletes the user's token; returns false if they have no token with that id. */
export async function deleteAccessToken(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('personalAccessTokens')
    .where('userId', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

export async function findAccessTokenByHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<{ token: PersonalAccessToken; user: User } | undefined> {
  const token = await db
    .selectFrom('personalAccessTokens')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst()
  if (!token) return undefined
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', token.userId)
    .executeTakeFirst()
  return user ? { token, user } : undefined
}

export async function markAccessTokenUsed(
  db: Kysely<Database>,
  id: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('personalAccessTokens')
    .set({ lastUsedAt: at })
    .where('id', '=', id)
    .execute()
}
