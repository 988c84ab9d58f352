// The `initiative_history` table: each initiative's roll-up as it stood at the end of each day it changed.
import type { Selectable } from 'kysely'

/**
 * Written with the roll-up by every write that appends epic history or opens or closes a link
 * interval, so it is the sum of the epics linked at that moment. `day` is `YYYY-MM-DD` (UTC).
 */
export interface InitiativeHistoryTable {
  initiativeId: string
  day: string
  todo: number
  inProgress: number
  done: number
  pointsInProgress: number
  pointsDone: number
  pointsTotal: number
}

export type InitiativeHistoryDay = Selectable<InitiativeHistoryTable>
