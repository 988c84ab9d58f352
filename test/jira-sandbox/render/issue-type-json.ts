// Issue types and statuses as Jira renders them, in `GET /issuetype` and inside issue fields.
import { STATUS_CATEGORIES } from '../model/catalog.js'
import type { IssueTypeRecord, StatusRecord } from '../model/records.js'
import { issueTypeIconUrl, type Links } from './links.js'

/** The `IssueTypeDetails` shape; project-scoped (team-managed) types carry `scope` and `entityId`. */
export function issueTypeJson(type: IssueTypeRecord, links: Links) {
  const json: Record<string, unknown> = {
    self: `${links.api}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: issueTypeIconUrl(links, type.avatarId),
    name: type.name,
    untranslatedName: type.name,
    subtask: type.hierarchyLevel === -1,
    avatarId: type.avatarId,
    hierarchyLevel: type.hierarchyLevel,
  }
  if (type.entityId) json.entityId = type.entityId
  if (type.scopeProjectId !== null)
    json.scope = { type: 'PROJECT', project: { id: String(type.scopeProjectId) } }
  return json
}

/** The form inside `fields.issuetype`: no scope, no untranslated name. */
export function issueTypeFieldJson(type: IssueTypeRecord, links: Links) {
  const json: Record<string, unknown> = {
    self: `${links.api}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: issueTypeIconUrl(links, type.avatarId),
    name: type.name,
    subtask: type.hierarchyLevel === -1,
    avatarId: type.avatarId,
  }
  if (type.entityId) json.entityId = type.entityId
  json.hierarchyLevel = type.hierarchyLevel
  return json
}

export function statusJson(status: StatusRecord, links: Links) {
  const category = STATUS_CATEGORIES[status.category]
  return {
    self: `${links.api}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${links.site}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${links.api}/rest/api/3/statuscategory/${category.id}`,
      id: category.id,
      key: category.key,
      colorName: category.colorName,
      name: category.name,
    },
  }
}
