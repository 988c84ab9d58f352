// The `users` table: people who sign in to the portal.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface UserTable {
  id: string
  companyId: string
  /** Stored lower-cased and trimmed, so uniqueness is case-insensitive on both databases. */
  email: string
  name: string
  /** `scrypt$N$r$p$salt$hash`; see `users/password.ts`. */
  passwordHash: string
  /** 0 or 1: manages companies and users; gives no portfolio rights. */
  siteAdmin: Generated<number>
  createdAt: string
  updatedAt: string
}

export type User = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
