// The `history_compactions` table: per portfolio, the midnight before which history is compacted.
import type { Selectable } from 'kysely'

export interface HistoryCompactionTable {
  portfolioId: string
  /** ISO time of a UTC midnight: every earlier day keeps one point per epic. */
  compactedBefore: string
}

export type HistoryCompaction = Selectable<HistoryCompactionTable>
