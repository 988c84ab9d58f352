// The `login_attempts` table: sign-in outcomes, so throttling holds across portal instances.
import type { Insertable, Selectable } from 'kysely'

export interface LoginAttemptTable {
  id: string
  at: string
  /** As typed (lower-cased), whether or not such a user exists. */
  email: string
  ip: string
  /** 0 or 1. */
  succeeded: number
}

export type LoginAttempt = Selectable<LoginAttemptTable>
export type NewLoginAttempt = Insertable<LoginAttemptTable>
