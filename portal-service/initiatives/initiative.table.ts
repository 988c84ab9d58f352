// The `initiatives` table: the work a portfolio tracks.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export const STATUSES = ['on_track', 'at_risk', 'off_track'] as const
export type Status = (typeof STATUSES)[number]

export interface InitiativeTable {
  id: string
  portfolioId: string
  name: string
  description: string | null
  /** One of the portfolio's stages. */
  stage: string
  status: Generated<Status>
  ownerId: string | null
  /** `YYYY-MM-DD`. */
  startDate: string | null
  /** `YYYY-MM-DD`: the go-live date. */
  targetDate: string | null
  /** Incremented on every change, for optimistic concurrency. */
  version: Generated<number>
  createdAt: string
  updatedAt: string
}

export type Initiative = Selectable<InitiativeTable>
export type NewInitiative = Insertable<InitiativeTable>
export type InitiativeUpdate = Updateable<InitiativeTable>
