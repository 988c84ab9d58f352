// The `epic_history_series` and `epic_history` tables: a compact point per change of an epic's figures.
import type { Generated, Insertable, Selectable } from 'kysely'

/** One series per portfolio and epic: points name it by a small integer. */
export interface EpicHistorySeriesTable {
  id: Generated<number>
  portfolioId: string
  jiraIssueId: string
}

/**
 * An epic's figures from `recordedAt` until its next point: children by status category, and
 * story points in progress, done and in all (To Do points are the rest). Points older than a
 * week are compacted to the last of each day (history-compaction.ts).
 */
export interface EpicHistoryTable {
  seriesId: number
  recordedAt: string
  todo: number
  inProgress: number
  done: number
  pointsInProgress: number
  pointsDone: number
  pointsTotal: number
}

export type EpicHistorySeries = Selectable<EpicHistorySeriesTable>
export type EpicHistoryPoint = Selectable<EpicHistoryTable>
export type NewEpicHistoryPoint = Insertable<EpicHistoryTable>
