// The `epic_link_intervals` table: from when to when each epic was linked to each initiative.
import type { Insertable, Selectable } from 'kysely'

/**
 * An initiative's history sums, at each moment, the epics whose interval covers it: linking and
 * unlinking move its scope, never its work done. `unlinkedAt` is null while the link stands.
 */
export interface LinkIntervalTable {
  id: string
  portfolioId: string
  initiativeId: string
  jiraIssueId: string
  /** The epic's key when last seen (refreshed when the interval closes). */
  epicKey: string
  linkedAt: string
  unlinkedAt: string | null
}

export type LinkInterval = Selectable<LinkIntervalTable>
export type NewLinkInterval = Insertable<LinkIntervalTable>
