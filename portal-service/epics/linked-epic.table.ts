// The `linked_epics` table: which Jira epics each initiative tracks (at most 20 per initiative).
import type { Insertable, Selectable } from 'kysely'

export interface LinkedEpicTable {
  id: string
  portfolioId: string
  initiativeId: string
  /** The linked project the epic was found in; unlinking that project unlinks the epic. */
  linkedProjectId: string
  /** The epic's Jira id: keys change when an issue moves to another project. */
  jiraIssueId: string
  linkedAt: string
  linkedBy: string | null
}

export type LinkedEpic = Selectable<LinkedEpicTable>
export type NewLinkedEpic = Insertable<LinkedEpicTable>
