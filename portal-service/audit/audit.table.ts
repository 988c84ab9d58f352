// The `audit_log` table: who changed what in a portfolio, and when.
import type { Insertable, Selectable } from 'kysely'

export interface AuditLogTable {
  id: string
  at: string
  /** Null when the action was not taken by a signed-in user (or the user was deleted). */
  actorId: string | null
  /** No foreign key: the trail outlives the portfolio it describes. */
  portfolioId: string | null
  /** Dotted name, e.g. `initiative.updated`. */
  action: string
  targetType: string
  targetId: string | null
  /** JSON text. */
  details: string
}

export type AuditEntry = Selectable<AuditLogTable>
export type NewAuditEntry = Insertable<AuditLogTable>
