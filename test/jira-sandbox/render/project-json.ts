// Projects as Jira renders them: in project search, in `GET /project/{key}` and inside issue fields.
import type { ProjectRegistry } from '../model/project-registry.js'
import type { ProjectRecord } from '../model/records.js'
import type { SandboxAccount } from '../types.js'
import { issueTypeJson } from './issue-type-json.js'
import { projectAvatarUrls, type Links } from './links.js'
import { userFieldJson } from './user-json.js'

export function projectSearchJson(project: ProjectRecord, links: Links) {
  const json: Record<string, unknown> = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${links.api}/rest/api/3/project/${project.id}`,
    id: String(project.id),
    key: project.key,
    name: project.name,
    avatarUrls: projectAvatarUrls(links, project.avatarId),
    projectTypeKey: 'software',
    simplified: project.style === 'next-gen',
    style: project.style,
    isPrivate: false,
    properties: {},
  }
  // Only team-managed projects carry these, as on real sites.
  if (project.uuid) {
    json.entityId = project.uuid
    json.uuid = project.uuid
  }
  return json
}

export function projectDetailsJson(
  project: ProjectRecord,
  registry: ProjectRegistry,
  lead: SandboxAccount | undefined,
  links: Links,
) {
  const { expand: _expand, ...summary } = projectSearchJson(project, links)
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...summary,
    description: '',
    lead: userFieldJson(lead, links),
    components: [],
    issueTypes: project.issueTypeIds.map((id) => issueTypeJson(registry.types.get(id)!, links)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {},
  }
}

export function projectFieldJson(project: ProjectRecord, links: Links) {
  return {
    self: `${links.api}/rest/api/3/project/${project.id}`,
    id: String(project.id),
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: project.style === 'next-gen',
    avatarUrls: projectAvatarUrls(links, project.avatarId),
  }
}
