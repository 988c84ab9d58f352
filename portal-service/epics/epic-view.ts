/**
 * @module
 * Epics and initiatives as the API shows them: what Jira said last, its figures, when they
 * were read and whether they are stale, and the flags people are misled by elsewhere.
 */
import { epicProgressFromTotals, rollUp, type EpicProgress, type RollUp } from '../../shared/progress/progress.js'
import type { StatusCategoryKey } from '../../shared/jira/schemas.js'
import { issueUrl } from '../jira/jira-source.js'
import type { EpicSnapshot, EpicState } from './epic-snapshot.table.js'

export interface EpicView {
  /** The epic's Jira id (stable; the key changes when an issue moves). */
  id: string
  key: string
  summary: string
  url: string | null
  status: { name: string; category: StatusCategoryKey }
  assignee: { displayName: string; avatarUrl: string | null } | null
  project: { id: string; key: string; avatarUrl: string | null }
  state: EpicState | 'not_read'
  stateMessage: string | null
  /** Null until the figures are first read. */
  progress: EpicProgress | null
  readAt: string | null
  stale: boolean
  staleSince: string | null
  flags: { doneWithOpenChildren: boolean; unestimatedChildren: number }
  linkedAt: string
}

export interface InitiativeProgress {
  rollUp: RollUp
  /** The oldest read time among the figures rolled up. */
  readAt: string | null
  stale: boolean
  /** Linked epics whose figures have not been read yet. */
  epicsNotRead: number
}

const STATE_MESSAGES: Record<EpicState, string | null> = {
  ok: null,
  deleted: 'Jira no longer returns this epic: it was deleted, or this account can no longer see it.',
  moved_out: 'This epic now belongs to a Jira project that is not linked to the portfolio.',
  not_epic: 'This issue is no longer an epic in Jira.',
}

const CATEGORIES: readonly StatusCategoryKey[] = ['new', 'indeterminate', 'done']
function category(value: string): StatusCategoryKey {
  return (CATEGORIES as readonly string[]).includes(value) ? (value as StatusCategoryKey) : 'new'
}

/** The snapshot columns an epic's figures come from (roll-ups read only these). */
export type ProgressColumns = Pick<
  EpicSnapshot,
  | 'statusCategory'
  | 'todo'
  | 'inProgress'
  | 'done'
  | 'total'
  | 'pointsTodo'
  | 'pointsInProgress'
  | 'pointsDone'
  | 'pointsTotal'
  | 'unestimated'
  | 'hasPoints'
  | 'progressReadAt'
>

export function snapshotProgress(snapshot: ProgressColumns): EpicProgress | null {
  if (snapshot.progressReadAt === null || snapshot.total === null) return null
  return epicProgressFromTotals({
    epicStatusCategory: category(snapshot.statusCategory),
    children: { todo: snapshot.todo ?? 0, inProgress: snapshot.inProgress ?? 0, done: snapshot.done ?? 0, total: snapshot.total },
    points:
      snapshot.hasPoints === 1
        ? {
            todo: snapshot.pointsTodo ?? 0,
            inProgress: snapshot.pointsInProgress ?? 0,
            done: snapshot.pointsDone ?? 0,
            total: snapshot.pointsTotal ?? 0,
            unestimated: snapshot.unestimated ?? 0,
          }
        : null,
  })
}

export interface EpicLink {
  jiraIssueId: string
  linkedAt: string
  projectAvatarUrl: string | null
}

/** What an epic view shows of a snapshot: all of it but the bookkeeping columns. */
export type ViewedSnapshot = Omit<EpicSnapshot, 'portfolioId' | 'epicReadAt'>

export function toEpicView(link: EpicLink, snapshot: ViewedSnapshot | undefined, siteUrl: string | null): EpicView {
  if (!snapshot) {
    return {
      id: link.jiraIssueId,
      key: link.jiraIssueId,
      summary: '',
      url: null,
      status: { name: 'Unknown', category: 'new' },
      assignee: null,
      project: { id: '', key: '', avatarUrl: link.projectAvatarUrl },
      state: 'not_read',
      stateMessage: 'Not read from Jira yet.',
      progress: null,
      readAt: null,
      stale: false,
      staleSince: null,
      flags: { doneWithOpenChildren: false, unestimatedChildren: 0 },
      linkedAt: link.linkedAt,
    }
  }
  const progress = snapshotProgress(snapshot)
  return {
    id: snapshot.jiraIssueId,
    key: snapshot.epicKey,
    summary: snapshot.summary,
    url: siteUrl ? issueUrl(siteUrl, snapshot.epicKey) : null,
    status: { name: snapshot.statusName, category: category(snapshot.statusCategory) },
    assignee: snapshot.assigneeName ? { displayName: snapshot.assigneeName, avatarUrl: snapshot.assigneeAvatarUrl } : null,
    project: { id: snapshot.jiraProjectId, key: snapshot.projectKey, avatarUrl: link.projectAvatarUrl },
    state: snapshot.state,
    stateMessage: STATE_MESSAGES[snapshot.state],
    progress,
    readAt: snapshot.progressReadAt,
    stale: snapshot.staleSince !== null,
    staleSince: snapshot.staleSince,
    flags: {
      doneWithOpenChildren: progress?.doneWithOpenChildren ?? false,
      unestimatedChildren: progress?.points?.unestimated ?? 0,
    },
    linkedAt: link.linkedAt,
  }
}

/** An initiative's roll-up over its epics' figures (only these three parts of each view count). */
export function initiativeProgress(epics: readonly Pick<EpicView, 'progress' | 'readAt' | 'stale'>[]): InitiativeProgress {
  const read = epics.filter((e) => e.progress !== null)
  const times = read.map((e) => e.readAt).filter((t): t is string => t !== null).sort()
  return {
    rollUp: rollUp(read.map((e) => e.progress!)),
    readAt: times[0] ?? null,
    stale: epics.some((e) => e.stale),
    epicsNotRead: epics.length - read.length,
  }
}
