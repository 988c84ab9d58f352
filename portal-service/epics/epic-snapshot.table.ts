// The `epic_snapshots` table: the last state and progress read from Jira for each tracked epic.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * `deleted`: Jira no longer returns the epic; `moved_out`: it now lives in a project that is
 * not linked; `not_epic`: its type changed. The link stays: Jira failing or changing never
 * deletes what a person linked.
 */
export const EPIC_STATES = ['ok', 'deleted', 'moved_out', 'not_epic'] as const
export type EpicState = (typeof EPIC_STATES)[number]

export interface EpicSnapshotTable {
  portfolioId: string
  jiraIssueId: string
  epicKey: string
  summary: string
  statusName: string
  statusCategory: string
  assigneeName: string | null
  assigneeAvatarUrl: string | null
  jiraProjectId: string
  projectKey: string
  state: Generated<EpicState>
  /** Children by status category; null until progress is first read. */
  todo: number | null
  inProgress: number | null
  done: number | null
  total: number | null
  pointsTodo: number | null
  pointsInProgress: number | null
  pointsDone: number | null
  pointsTotal: number | null
  unestimated: number | null
  /** 1 when the site has a story-points field. */
  hasPoints: Generated<number>
  epicReadAt: string
  progressReadAt: string | null
  /** Set when a sync failed after these figures were read; cleared by the next good read. */
  staleSince: string | null
}

export type EpicSnapshot = Selectable<EpicSnapshotTable>
export type NewEpicSnapshot = Insertable<EpicSnapshotTable>
export type EpicSnapshotUpdate = Updateable<EpicSnapshotTable>
