// Personal access tokens: created and listed by their owner, shown in full only once.
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { newId } from '../db/ids.js'
import { notFound } from '../http/errors.js'
import type { User } from '../users/user.table.js'
import * as tokenRepository from './access-token.repository.js'
import type { PersonalAccessToken } from './access-token.table.js'
import { newRandomToken, sha256Hex } from './random-token.js'

/** Prefix of every token, so leaked ones are easy to recognise (and to scan for). */
export const ACCESS_TOKEN_PREFIX = 'pbt_'
// Writing `last_used_at` on every request would turn reads into writes; a minute is precise enough.
const LAST_USED_PRECISION_MS = 60 * 1000

export interface AccessTokenView {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
}

export function toAccessTokenView(row: PersonalAccessToken): AccessTokenView {
  return { id: row.id, name: row.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt }
}

/** Returns the token itself once; only its hash is kept. */
export async function createAccessToken(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  name: string,
): Promise<AccessTokenView & { token: string }> {
  const token = newRandomToken(ACCESS_TOKEN_PREFIX)
  const row = await tokenRepository.insertAccessToken(db, {
    id: newId(),
    userId,
    name,
    tokenHash: sha256Hex(token),
    createdAt: clock.now().toISOString(),
    lastUsedAt: null,
  })
  return { ...toAccessTokenView(row), token }
}

export async function listAccessTokens(
  db: Kysely<Database>,
  userId: string,
): Promise<AccessTokenView[]> {
  return (await tokenRepository.listAccessTokens(db, userId)).map(toAccessTokenView)
}

/** @throws ApiError 404 if the user has no token with that id (someone else's included). */
export async function revokeAccessToken(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<void> {
  if (!(await tokenRepository.deleteAccessToken(db, userId, id))) throw notFound('Token')
}

/** The token's owner, or null if no such token exists (revoked, or never issued). */
export async function resolveAccessToken(
  db: Kysely<Database>,
  clock: Clock,
  token: string,
): Promise<{ tokenId: string; user: User } | null> {
  if (!token.startsWith(ACCESS_TOKEN_PREFIX)) return null
  const found = await tokenRepository.findAccessTokenByHash(db, sha256Hex(token))
  if (!found) return null
  const now = clock.now()
  const lastUsed = found.token.lastUsedAt ? Date.parse(found.token.lastUsedAt) : 0
  if (now.getTime() - lastUsed >= LAST_USED_PRECISION_MS) {
    await tokenRepository.markAccessTokenUsed(db, found.token.id, now.toISOString())
  }
  return { tokenId: found.token.id, user: found.user }
}
