// The `linked_projects` table: the Jira projects linked to a portfolio (at most 20).
import type { Generated, Insertable, Selectable } from 'kysely'

/** `missing`: Jira no longer shows the project (deleted, archived or made invisible). */
export const LINKED_PROJECT_STATES = ['ok', 'missing'] as const
export type LinkedProjectState = (typeof LINKED_PROJECT_STATES)[number]

export interface LinkedProjectTable {
  id: string
  portfolioId: string
  connectionId: string
  /** Jira's project id: stable when the key changes. */
  jiraProjectId: string
  projectKey: string
  name: string
  avatarUrl: string | null
  style: string | null
  state: Generated<LinkedProjectState>
  linkedAt: string
  linkedBy: string | null
}

export type LinkedProject = Selectable<LinkedProjectTable>
export type NewLinkedProject = Insertable<LinkedProjectTable>
