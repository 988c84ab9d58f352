/**
 * @module
 * What an incremental read means for the epics we track. Pure: given the issues Jira says
 * changed, the tracked epics and where the changed issues sat before, it says which epics
 * to update, which children to add, move or drop, and which epics need their figures
 * recomputed.
 */
import type { ChangedIssue, ChildRecord } from '../../shared/jira/records.js'

export interface ChangePlan {
  /** Tracked epics whose own fields changed (key, summary, status, assignee, project). */
  epicUpdates: ChangedIssue[]
  /** Children to insert or update (a new child, a new status or estimate, a move between tracked epics). */
  childUpserts: ChildRecord[]
  /** Children that no longer belong to a tracked epic (moved away, parent cleared, now a sub-task). */
  childRemovals: string[]
  /** Epics whose figures must be recomputed. */
  affectedEpicIds: Set<string>
}

/** Jira stamps `updated` as `2026-11-25T10:00:00.000+0100`: compare instants, not strings. */
export function jiraInstant(stamp: string | null): number {
  if (!stamp) return Number.NEGATIVE_INFINITY
  const parsed = Date.parse(stamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed
}

/** Several pages can hold the same issue (overlapping windows, shifting pages): keep the latest. */
export function latestById(issues: readonly ChangedIssue[]): ChangedIssue[] {
  const latest = new Map<string, ChangedIssue>()
  for (const issue of issues) {
    const seen = latest.get(issue.id)
    if (!seen || jiraInstant(issue.updated) >= jiraInstant(seen.updated)) latest.set(issue.id, issue)
  }
  return [...latest.values()]
}

/**
 * @param trackedEpicIds the Jira ids of epics linked to any initiative of the portfolio
 * @param storedEpicOf for each changed issue we hold as a child, the epic it belonged to
 */
export function planChanges(
  changed: readonly ChangedIssue[],
  trackedEpicIds: ReadonlySet<string>,
  storedEpicOf: ReadonlyMap<string, string>,
): ChangePlan {
  const plan: ChangePlan = { epicUpdates: [], childUpserts: [], childRemovals: [], affectedEpicIds: new Set() }
  for (const issue of latestById(changed)) {
    if (trackedEpicIds.has(issue.id)) {
      plan.epicUpdates.push(issue)
      // Its own status feeds the "Done with open children" flag.
      plan.affectedEpicIds.add(issue.id)
      continue
    }
    const before = storedEpicOf.get(issue.id)
    const now = issue.hierarchyLevel === 0 && issue.parentId && trackedEpicIds.has(issue.parentId) ? issue.parentId : null
    if (now) {
      plan.childUpserts.push({
        id: issue.id,
        key: issue.key,
        epicId: now,
        statusCategory: issue.status.category,
        storyPoints: issue.storyPoints,
      })
      plan.affectedEpicIds.add(now)
    } else if (before) {
      plan.childRemovals.push(issue.id)
    }
    if (before && before !== now) plan.affectedEpicIds.add(before)
  }
  return plan
}
