/**
 * @module
 * Turns Jira's beans into our records, refusing any bean that lacks what the figures need
 * (a child without a status category would silently shift the percentages).
 */
import { JiraError } from './errors.js'
import type { ChangedIssue, ChildRecord, EpicRecord, JiraAccount, JiraPerson, JiraProject } from './records.js'
import {
  issueFieldsSchema,
  storyPointsValueSchema,
  type JiraIssueBean,
  type JiraIssueFields,
  type JiraProjectBean,
  type JiraUser,
} from './schemas.js'

/** The fields to ask for, per use; the fewer, the larger Jira's pages. */
export const EPIC_FIELDS = ['summary', 'status', 'assignee', 'issuetype', 'project', 'updated'] as const
export const CHILD_FIELDS = ['parent', 'status', 'issuetype'] as const
export const CHANGE_FIELDS = ['summary', 'status', 'assignee', 'issuetype', 'project', 'parent', 'updated'] as const

function fieldsOf(issue: JiraIssueBean): JiraIssueFields {
  const parsed = issueFieldsSchema.safeParse(issue.fields ?? {})
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? 'fields'
    throw new JiraError('invalid_response', `Jira's answer for ${issue.key} has an unexpected ${where}`)
  }
  return parsed.data
}

function required<T>(value: T | undefined | null, issue: JiraIssueBean, field: string): T {
  if (value === undefined || value === null) {
    throw new JiraError('invalid_response', `Jira's answer for ${issue.key} lacks ${field}`)
  }
  return value
}

/** Epics are 1, standard issues 0, sub-tasks -1; older answers only say `subtask`. */
function levelOf(issue: JiraIssueBean, fields: JiraIssueFields): number {
  const type = required(fields.issuetype, issue, 'issuetype')
  return type.hierarchyLevel ?? (type.subtask ? -1 : 0)
}

/** The first story-points value among the site's story-points fields; null if none is set. */
export function storyPointsOf(issue: JiraIssueBean, pointsFieldIds: readonly string[]): number | null {
  for (const id of pointsFieldIds) {
    const parsed = storyPointsValueSchema.safeParse(issue.fields?.[id])
    if (!parsed.success) {
      throw new JiraError('invalid_response', `Story points of ${issue.key} are not a number`)
    }
    if (parsed.data !== null && parsed.data !== undefined) return parsed.data
  }
  return null
}

export function toJiraPerson(user: JiraUser | null | undefined): JiraPerson | null {
  if (!user) return null
  return {
    accountId: user.accountId,
    displayName: user.displayName ?? 'Unknown user',
    avatarUrl: user.avatarUrls?.['48x48'] ?? user.avatarUrls?.['24x24'] ?? null,
  }
}

export function toJiraAccount(user: JiraUser): JiraAccount {
  return {
    accountId: user.accountId,
    displayName: user.displayName ?? user.emailAddress ?? user.accountId,
    emailAddress: user.emailAddress ?? null,
    timeZone: user.timeZone ?? null,
  }
}

export function toJiraProject(project: JiraProjectBean): JiraProject {
  const style = project.style === 'classic' || project.style === 'next-gen' ? project.style : null
  return {
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrl: project.avatarUrls?.['48x48'] ?? project.avatarUrls?.['24x24'] ?? null,
    style,
  }
}

export function toEpicRecord(issue: JiraIssueBean): EpicRecord {
  const fields = fieldsOf(issue)
  const status = required(fields.status, issue, 'status')
  const project = required(fields.project, issue, 'project')
  return {
    id: issue.id,
    key: issue.key,
    summary: fields.summary ?? '',
    status: { name: status.name, category: status.statusCategory.key },
    assignee: toJiraPerson(fields.assignee),
    projectId: project.id,
    projectKey: project.key,
    hierarchyLevel: levelOf(issue, fields),
    updated: fields.updated ?? null,
  }
}

/** A child of an epic, or null for what is not counted (sub-tasks, issues without a parent). */
export function toChildRecord(issue: JiraIssueBean, pointsFieldIds: readonly string[]): ChildRecord | null {
  const fields = fieldsOf(issue)
  const level = levelOf(issue, fields)
  if (level < 0 || !fields.parent) return null
  return {
    id: issue.id,
    key: issue.key,
    epicId: fields.parent.id,
    statusCategory: required(fields.status, issue, 'status').statusCategory.key,
    storyPoints: storyPointsOf(issue, pointsFieldIds),
  }
}

export function toChangedIssue(issue: JiraIssueBean, pointsFieldIds: readonly string[]): ChangedIssue {
  const fields = fieldsOf(issue)
  const status = required(fields.status, issue, 'status')
  const project = required(fields.project, issue, 'project')
  return {
    id: issue.id,
    key: issue.key,
    hierarchyLevel: levelOf(issue, fields),
    parentId: fields.parent?.id ?? null,
    projectId: project.id,
    projectKey: project.key,
    summary: fields.summary ?? '',
    status: { name: status.name, category: status.statusCategory.key },
    assignee: toJiraPerson(fields.assignee),
    storyPoints: storyPointsOf(issue, pointsFieldIds),
    updated: fields.updated ?? null,
  }
}
