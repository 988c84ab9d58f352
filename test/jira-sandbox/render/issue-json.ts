// Issues as Jira renders them in search and bulkfetch answers: only the requested fields, dates in
// the caller's time zone, story points only in the field whose context covers the issue's project.
import {
  CLASSIC_STORY_POINTS_FIELD,
  DONE_RESOLUTION,
  MEDIUM_PRIORITY,
  RANK_FIELD,
  SPRINT_FIELD,
  START_DATE_FIELD,
  TEAM_STORY_POINTS_FIELD,
} from '../model/catalog.js'
import type { IssueIndex } from '../model/issue-index.js'
import type { IssueRecord, ProjectRecord } from '../model/records.js'
import { formatJiraDate } from '../model/time-zone.js'
import type { SandboxStore } from '../store.js'
import type { FieldSelection } from './field-selection.js'
import { issueTypeFieldJson, statusJson } from './issue-type-json.js'
import type { Links } from './links.js'
import { projectFieldJson } from './project-json.js'
import { userFieldJson } from './user-json.js'

export interface RenderContext {
  store: SandboxStore
  links: Links
  timeZone: string
  /** Where parents and sub-tasks are looked up: the index the issue came from. */
  index: IssueIndex
}

type FieldValue = (record: IssueRecord, project: ProjectRecord, ctx: RenderContext) => unknown

const NOT_PRESENT = Symbol('not present')

const FIELD_VALUES: Record<string, FieldValue> = {
  summary: (r) => r.summary,
  status: (r, _p, ctx) =>
    statusJson(ctx.store.projectRegistry.statuses.get(r.statusId)!, ctx.links),
  issuetype: (r, _p, ctx) =>
    issueTypeFieldJson(ctx.store.projectRegistry.types.get(r.typeId)!, ctx.links),
  // Jira leaves `parent` out, rather than null, for issues without one.
  parent: (r, _p, ctx) => {
    const parent = r.parentId === null ? undefined : ctx.index.get(r.parentId)
    return parent ? linkedIssueJson(parent, ctx) : NOT_PRESENT
  },
  project: (_r, p, ctx) => projectFieldJson(p, ctx.links),
  assignee: (r, _p, ctx) =>
    userFieldJson(
      r.assigneeId === null ? undefined : ctx.store.accountRegistry.byAccountId(r.assigneeId),
      ctx.links,
    ),
  reporter: (r, _p, ctx) =>
    userFieldJson(ctx.store.accountRegistry.byAccountId(r.reporterId), ctx.links),
  creator: (r, _p, ctx) =>
    userFieldJson(ctx.store.accountRegistry.byAccountId(r.reporterId), ctx.links),
  priority: (_r, _p, ctx) => priorityJson(ctx),
  labels: () => [],
  created: (r, _p, ctx) => formatJiraDate(r.created, ctx.timeZone),
  updated: (r, _p, ctx) => formatJiraDate(r.updated, ctx.timeZone),
  statuscategorychangedate: (r, _p, ctx) => formatJiraDate(r.statusCategoryChanged, ctx.timeZone),
  resolution: (r, _p, ctx) =>
    isDone(r, ctx)
      ? { self: `${ctx.links.api}/rest/api/3/resolution/${DONE_RESOLUTION.id}`, ...DONE_RESOLUTION }
      : null,
  resolutiondate: (r, _p, ctx) =>
    isDone(r, ctx) ? formatJiraDate(r.statusCategoryChanged, ctx.timeZone) : null,
  description: () => null,
  subtasks: (r, _p, ctx) => {
    const subtasks: unknown[] = []
    for (const id of ctx.index.childrenOf(r.id)) {
      const child = ctx.index.get(id)
      if (child && ctx.store.projectRegistry.types.get(child.typeId)?.hierarchyLevel === -1)
        subtasks.push(linkedIssueJson(child, ctx))
    }
    return subtasks
  },
  [START_DATE_FIELD]: () => null,
  [RANK_FIELD]: (r) => `0|i${r.id.toString(36).padStart(5, '0')}:`,
  [SPRINT_FIELD]: () => null,
  // Each story-point field's context covers one project style only: outside it, the key is absent.
  [TEAM_STORY_POINTS_FIELD]: (r, p) => (p.style === 'next-gen' ? r.storyPoints : NOT_PRESENT),
  [CLASSIC_STORY_POINTS_FIELD]: (r, p) => (p.style === 'classic' ? r.storyPoints : NOT_PRESENT),
}

/** The issue's JSON, or undefined when its project is gone (a lagging index can still hold it). */
export function issueJson(
  record: IssueRecord,
  selection: FieldSelection,
  ctx: RenderContext,
): Record<string, unknown> | undefined {
  const project = ctx.store.projectRegistry.get(record.projectId)
  if (!project) return undefined
  if (selection.onlyId) return { id: String(record.id) }
  const fields: Record<string, unknown> = {}
  for (const id of selection.ids) {
    const value = FIELD_VALUES[id]?.(record, project, ctx)
    if (value !== NOT_PRESENT && value !== undefined) fields[id] = value
  }
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: String(record.id),
    self: `${ctx.links.api}/rest/api/3/issue/${record.id}`,
    key: record.key,
    fields,
  }
}

function linkedIssueJson(issue: IssueRecord, ctx: RenderContext) {
  return {
    id: String(issue.id),
    key: issue.key,
    self: `${ctx.links.api}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: statusJson(ctx.store.projectRegistry.statuses.get(issue.statusId)!, ctx.links),
      priority: priorityJson(ctx),
      issuetype: issueTypeFieldJson(ctx.store.projectRegistry.types.get(issue.typeId)!, ctx.links),
    },
  }
}

function priorityJson(ctx: RenderContext) {
  return {
    self: `${ctx.links.api}/rest/api/3/priority/${MEDIUM_PRIORITY.id}`,
    iconUrl: `${ctx.links.site}/images/icons/priorities/${MEDIUM_PRIORITY.icon}`,
    name: MEDIUM_PRIORITY.name,
    id: MEDIUM_PRIORITY.id,
  }
}

function isDone(record: IssueRecord, ctx: RenderContext): boolean {
  return ctx.store.projectRegistry.statuses.get(record.statusId)?.category === 'done'
}
