/**
 * @module
 * What changed in an initiative since a date, pure (DESIGN.md, "History, trends and forecast"):
 * scope added and removed, work done, epics linked and unlinked, and each epic's share. Linking
 * or unlinking an epic moves scope only: the work an epic brings when linked, or takes when
 * unlinked, is not work done. Work done is counted while the epic is linked; reopened work
 * counts against it.
 */
import { measure, type Basis, type Figures } from './forecast.js'

/** One link interval of the initiative that was open at some point since `since`, with its figures. */
export interface IntervalFigures {
  jiraIssueId: string
  /** The epic's key to show (its current key, or the last one known). */
  key: string
  linkedAt: string
  unlinkedAt: string | null
  /** Figures when the window or the interval starts, whichever is later (the first read after, if none was in force). */
  start: Figures | null
  /** Whether `start` was already in force at `since`: the epic counted in the scope then. */
  countedAtSince: boolean
  /** Figures when the interval or the window ends, whichever is earlier. */
  end: Figures | null
}

export interface EpicChange {
  id: string
  key: string
  scopeDelta: number
  doneDelta: number
}

export interface Changes {
  since: string
  basis: Basis
  scopeAdded: number
  scopeRemoved: number
  doneAdded: number
  epicsLinked: string[]
  epicsUnlinked: string[]
  epics: EpicChange[]
}

const round = (value: number) => Math.round(value * 1000) / 1000

/**
 * @param since the window's start, ISO (midnight of the date asked for)
 * @param intervals every interval open at or after `since`, in link order
 */
export function summarizeChanges(intervals: readonly IntervalFigures[], since: string, sinceDate: string, basis: Basis): Changes {
  const epics = new Map<string, EpicChange>()
  const linked: string[] = []
  const unlinked: string[] = []
  for (const interval of intervals) {
    const start = interval.start ? measure(interval.start, basis) : null
    const end = interval.end ? measure(interval.end, basis) : null
    const scopeBefore = interval.countedAtSince && start ? start.scope : 0
    const scopeAfter = interval.unlinkedAt === null && end ? end.scope : 0
    const entry = epics.get(interval.jiraIssueId) ?? { id: interval.jiraIssueId, key: interval.key, scopeDelta: 0, doneDelta: 0 }
    entry.key = interval.key
    entry.scopeDelta = round(entry.scopeDelta + scopeAfter - scopeBefore)
    entry.doneDelta = round(entry.doneDelta + (start && end ? end.done - start.done : 0))
    epics.set(interval.jiraIssueId, entry)
    if (interval.linkedAt > since && !linked.includes(interval.key)) linked.push(interval.key)
    if (interval.unlinkedAt !== null && interval.unlinkedAt > since && !unlinked.includes(interval.key)) unlinked.push(interval.key)
  }
  const all = [...epics.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }))
  return {
    since: sinceDate,
    basis,
    scopeAdded: round(all.reduce((sum, e) => sum + Math.max(0, e.scopeDelta), 0)),
    scopeRemoved: round(all.reduce((sum, e) => sum + Math.max(0, -e.scopeDelta), 0)),
    doneAdded: round(all.reduce((sum, e) => sum + e.doneDelta, 0)),
    epicsLinked: linked,
    epicsUnlinked: unlinked,
    epics: all,
  }
}
