// The `personal_access_tokens` table: bearer tokens for scripts, stored as hashes only.
import type { Insertable, Selectable, Updateable } from 'kysely'

export interface PersonalAccessTokenTable {
  id: string
  userId: string
  name: string
  /** SHA-256 (hex) of the token; the token itself is shown once, when created. */
  tokenHash: string
  createdAt: string
  lastUsedAt: string | null
}

export type PersonalAccessToken = Selectable<PersonalAccessTokenTable>
export type NewPersonalAccessToken = Insertable<PersonalAccessTokenTable>
export type PersonalAccessTokenUpdate = Updateable<PersonalAccessTokenTable>
