/**
 * @module
 * Which tracked epics a burst of change notices may have changed (DESIGN.md, "Freshness: events
 * are hints"). Pure. A notice counts for an epic when the changed issue is that epic, when its
 * parent (now or before the change) is that epic, or when we hold it as that epic's child (it
 * moved away, lost its parent or was deleted). Anything else is unlinked work: no Jira call.
 */
import type { ChangeNotice } from '../../shared/events/change-notice.js'

/** The issues whose stored epic must be looked up for `epicsForNotices`. */
export function noticedIssueIds(notices: readonly ChangeNotice[]): string[] {
  return [...new Set(notices.map((notice) => notice.issueId))]
}

/**
 * @param trackedEpicIds the Jira ids of epics linked to any initiative of the portfolio
 * @param storedEpicOf for each noticed issue we hold as a child, the epic it belongs to
 * @returns the tracked epics to re-read, sorted
 */
export function epicsForNotices(
  notices: readonly ChangeNotice[],
  trackedEpicIds: ReadonlySet<string>,
  storedEpicOf: ReadonlyMap<string, string>,
): string[] {
  const epics = new Set<string>()
  const consider = (id: string | null | undefined) => {
    if (id && trackedEpicIds.has(id)) epics.add(id)
  }
  for (const notice of notices) {
    consider(notice.issueId)
    consider(notice.parentId)
    consider(notice.previousParentId)
    consider(storedEpicOf.get(notice.issueId))
  }
  return [...epics].sort()
}
