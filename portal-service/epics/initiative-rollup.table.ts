// The `initiative_rollups` table: each initiative's progress over its linked epics, precomputed.
import type { Insertable, Selectable } from 'kysely'

/**
 * One row per initiative that has had an epic linked: the figures `initiativeProgress` gives
 * over its epics, flattened. Refreshed by every write that changes an epic's link or figures.
 */
export interface InitiativeRollupTable {
  initiativeId: string
  portfolioId: string
  /** Every linked epic; `epics` counts only those whose figures have been read. */
  linkedEpics: number
  epics: number
  epicsWithoutChildren: number
  epicsDoneWithOpenChildren: number
  todo: number
  inProgress: number
  done: number
  total: number
  percentDone: number | null
  /** 1 when any read epic has story points (the roll-up then has points figures). */
  hasPoints: number
  pointsTodo: number
  pointsInProgress: number
  pointsDone: number
  pointsTotal: number
  pointsUnestimated: number
  pointsPercentDone: number | null
  readAt: string | null
  stale: number
  /** Bumped on each refresh, so a cached landscape can tell it is out of date. */
  version: number
}

export type InitiativeRollup = Selectable<InitiativeRollupTable>
export type NewInitiativeRollup = Insertable<InitiativeRollupTable>
