// The store's internal records. Issue records are immutable: a change replaces the record, which lets
// the lagging search index keep the old version until the change becomes visible to it.
import type { IssueKind, ProjectStyle, StatusCategoryKey } from '../types.js'

export interface ProjectRecord {
  id: number
  key: string
  name: string
  style: ProjectStyle
  avatarId: number
  /** Team-managed projects carry an entity id and uuid; company-managed ones do not. */
  uuid: string | null
  previousKeys: string[]
  issueTypeIds: string[]
  statusIds: string[]
  nextNumber: number
}

export interface IssueTypeRecord {
  id: string
  kind: IssueKind
  name: string
  hierarchyLevel: number
  description: string
  avatarId: number
  /** Set for a team-managed project's own types. */
  scopeProjectId: number | null
  entityId: string | null
}

export interface StatusRecord {
  id: string
  name: string
  description: string
  category: StatusCategoryKey
  scopeProjectId: number | null
}

export interface IssueRecord {
  readonly id: number
  readonly key: string
  readonly projectId: number
  readonly number: number
  readonly typeId: string
  readonly summary: string
  readonly statusId: string
  readonly parentId: number | null
  readonly storyPoints: number | null
  readonly assigneeId: string | null
  readonly reporterId: string
  /** Epoch milliseconds. */
  readonly created: number
  readonly updated: number
  readonly statusCategoryChanged: number
}

/** Fields of a new issue that callers choose; the store assigns id, key and times. */
export interface IssueDraft {
  project: ProjectRecord
  kind: IssueKind
  summary: string
  parentId: number | null
  statusName: string
  storyPoints: number | null
  assigneeId: string | null
}
