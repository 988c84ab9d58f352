// Server-side sessions: created at sign-in, found from the cookie, slid forward while used.
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import type { User } from '../users/user.table.js'
import { newRandomToken, sha256Hex } from './random-token.js'
import * as sessionRepository from './session.repository.js'
import type { Session } from './session.table.js'

export const SESSION_COOKIE = 'pb_session'
/** A session unused this long ends. */
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000
/** No session lives longer than this after sign-in, however active. */
export const SESSION_MAX_MS = 30 * 24 * 60 * 60 * 1000
// Sliding the expiry on every request would write on every read; a few minutes' slack is fine.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000

const at = (ms: number) => new Date(ms).toISOString()

/**
 * Starts a session with a fresh random id (never one the client offered, so a planted cookie
 * cannot be fixed onto a user). Returns the cookie value; only its hash is stored.
 */
export async function startSession(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  userAgent: string | null,
): Promise<{ token: string; idHash: string; expiresAt: string }> {
  const now = clock.now().getTime()
  const token = newRandomToken()
  const idHash = sha256Hex(token)
  const expiresAt = at(now + SESSION_IDLE_MS)
  await sessionRepository.deleteExpiredSessions(db, at(now))
  await sessionRepository.insertSession(db, {
    idHash,
    userId,
    createdAt: at(now),
    lastSeenAt: at(now),
    expiresAt,
    userAgent: userAgent?.slice(0, 500) ?? null,
  })
  return { token, idHash, expiresAt }
}

/** The session and user behind a cookie value, or null if unknown or expired. */
export async function resolveSession(
  db: Kysely<Database>,
  clock: Clock,
  token: string,
): Promise<{ session: Session; user: User } | null> {
  const now = clock.now().getTime()
  const found = await sessionRepository.findLiveSession(db, sha256Hex(token), at(now))
  if (!found) return null
  const { session } = found
  if (now - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    const expiresAt = at(
      Math.min(now + SESSION_IDLE_MS, Date.parse(session.createdAt) + SESSION_MAX_MS),
    )
    await sessionRepository.touchSession(db, session.idHash, at(now), expiresAt)
  }
  return found
}

export async function endSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await sessionRepository.deleteSession(db, idHash)
}
