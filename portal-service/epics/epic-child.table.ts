// The `epic_children` table: each child issue of a tracked epic, so incremental syncs can adjust counts.
import type { Insertable, Selectable } from 'kysely'

export interface EpicChildTable {
  portfolioId: string
  jiraIssueId: string
  issueKey: string
  /** The Jira id of the epic this child belongs to. */
  epicId: string
  statusCategory: string
  storyPoints: number | null
  /** The full sync that last saw it: children of a read epic not seen by that run are gone. */
  seenRun: string | null
}

export type EpicChild = Selectable<EpicChildTable>
export type NewEpicChild = Insertable<EpicChildTable>
