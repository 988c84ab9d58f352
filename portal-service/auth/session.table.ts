// The `sessions` table: server-side cookie sessions, keyed by a hash of the cookie's value.
import type { Insertable, Selectable, Updateable } from 'kysely'

export interface SessionTable {
  /** SHA-256 (hex) of the cookie value: a database leak gives no usable session. */
  idHash: string
  userId: string
  createdAt: string
  lastSeenAt: string
  /** Idle expiry, pushed forward while the session is used, never past the absolute limit. */
  expiresAt: string
  userAgent: string | null
}

export type Session = Selectable<SessionTable>
export type NewSession = Insertable<SessionTable>
export type SessionUpdate = Updateable<SessionTable>
