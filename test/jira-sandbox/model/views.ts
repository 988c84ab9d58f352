// Plain snapshots the store hands out: SandboxProject and SandboxIssue (not Jira shapes).
import type { SandboxIssue, SandboxProject } from '../types.js'
import type { AccountRegistry } from './account-registry.js'
import type { IssueIndex } from './issue-index.js'
import type { ProjectRegistry } from './project-registry.js'
import type { IssueRecord, ProjectRecord } from './records.js'

export function projectView(project: ProjectRecord): SandboxProject {
  return {
    id: String(project.id),
    key: project.key,
    name: project.name,
    style: project.style,
    simplified: project.style === 'next-gen',
    previousKeys: [...project.previousKeys],
  }
}

export function issueView(
  record: IssueRecord,
  projects: ProjectRegistry,
  accounts: AccountRegistry,
  live: IssueIndex,
): SandboxIssue {
  const project = projects.get(record.projectId)!
  const type = projects.types.get(record.typeId)!
  const status = projects.statuses.get(record.statusId)!
  const parent = record.parentId === null ? undefined : live.get(record.parentId)
  return {
    id: String(record.id),
    key: record.key,
    projectId: String(project.id),
    projectKey: project.key,
    type: type.kind,
    issueTypeId: type.id,
    hierarchyLevel: type.hierarchyLevel,
    summary: record.summary,
    status: status.name,
    statusCategory: status.category,
    parentId: record.parentId === null ? null : String(record.parentId),
    parentKey: parent?.key ?? null,
    storyPoints: record.storyPoints,
    assigneeEmail:
      record.assigneeId === null ? null : (accounts.byAccountId(record.assigneeId)?.email ?? null),
    created: new Date(record.created),
    updated: new Date(record.updated),
  }
}
