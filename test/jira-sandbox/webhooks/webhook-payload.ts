// The body Jira sends an admin webhook for an issue event: `timestamp`, `webhookEvent`,
// `issue_event_type_name`, `user`, `issue` (every field, as REST renders it: `fields.parent`,
// `fields.status`, `fields.project`, `fields.issuetype` among them) and, for updates, `changelog`
// with `{id, items: [{field, fieldtype, fieldId, from, fromString, to, toString}]}` (the item shape
// of the OpenAPI document's `ChangeDetails`). As documented on developer.atlassian.com, Jira Cloud
// platform "Webhooks" (example callback for an issue-related event).
import { CLASSIC_STORY_POINTS_FIELD, TEAM_STORY_POINTS_FIELD } from '../model/catalog.js'
import type { IssueEvent } from '../model/issue-events.js'
import type { IssueRecord } from '../model/records.js'
import { valueFieldIds } from '../render/field-catalog.js'
import { selectFields } from '../render/field-selection.js'
import { issueJson } from '../render/issue-json.js'
import { userFieldJson } from '../render/user-json.js'
import type { SandboxStore } from '../store.js'
import type { SandboxAccount, WebhookEventName } from '../types.js'

export interface PayloadContext {
  store: SandboxStore
  siteUrl: string
  /** Who made the change: the payload's `user`, and the time zone its dates are written in. */
  actor: SandboxAccount | null
  changelogId: number
}

const EVENT_NAMES: Record<IssueEvent['kind'], WebhookEventName> = {
  created: 'jira:issue_created',
  updated: 'jira:issue_updated',
  deleted: 'jira:issue_deleted',
}

export function webhookEventName(event: IssueEvent): WebhookEventName {
  return EVENT_NAMES[event.kind]
}

/** The issue the payload describes: as it is now, or as it was for a deletion. */
export function eventIssue(event: IssueEvent): IssueRecord {
  return (event.after ?? event.before)!
}

export function webhookPayload(event: IssueEvent, ctx: PayloadContext): Record<string, unknown> {
  const record = eventIssue(event)
  const { store } = ctx
  const links = { api: ctx.siteUrl, site: ctx.siteUrl }
  const selection = selectFields(['*all'], '*navigable', valueFieldIds(store.storyPointsEnabled))
  const issue = issueJson(record, selection, {
    store,
    links,
    timeZone: ctx.actor?.timeZone ?? 'UTC',
    index: store.live,
  })
  const items =
    event.kind === 'updated' && event.before ? changeItems(event.before, record, store) : []
  return {
    timestamp: event.at,
    webhookEvent: webhookEventName(event),
    issue_event_type_name: typeName(event, items),
    user: userFieldJson(ctx.actor ?? undefined, links),
    // Webhook bodies carry the v2 `self` link, whatever API version the site's clients use.
    issue: issue && { ...issue, self: `${ctx.siteUrl}/rest/api/2/issue/${record.id}` },
    ...(event.kind === 'updated' ? { changelog: { id: String(ctx.changelogId), items } } : {}),
  }
}

function typeName(event: IssueEvent, items: ChangeItem[]): string {
  if (event.kind === 'created') return 'issue_created'
  if (event.kind === 'deleted') return 'issue_deleted'
  if (items.some((i) => i.fieldId === 'project')) return 'issue_moved'
  return items.some((i) => i.fieldId === 'status') ? 'issue_generic' : 'issue_updated'
}

interface ChangeItem {
  field: string
  fieldtype: 'jira' | 'custom'
  fieldId: string
  from: string | null
  fromString: string | null
  to: string | null
  toString: string | null
}

function changeItems(before: IssueRecord, after: IssueRecord, store: SandboxStore): ChangeItem[] {
  const { projectRegistry, accountRegistry, live } = store
  const items: ChangeItem[] = []
  const item = (
    field: string,
    fieldId: string,
    from: [string | null, string | null],
    to: [string | null, string | null],
    fieldtype: ChangeItem['fieldtype'] = 'jira',
  ) =>
    items.push({
      field,
      fieldtype,
      fieldId,
      from: from[0],
      fromString: from[1],
      to: to[0],
      toString: to[1],
    })
  if (before.projectId !== after.projectId) {
    const name = (id: number) => projectRegistry.get(id)?.name ?? null
    item(
      'project',
      'project',
      [String(before.projectId), name(before.projectId)],
      [String(after.projectId), name(after.projectId)],
    )
    item('Key', 'issuekey', [null, before.key], [null, after.key])
  }
  if (before.statusId !== after.statusId) {
    const name = (id: string) => projectRegistry.statuses.get(id)?.name ?? null
    item(
      'status',
      'status',
      [before.statusId, name(before.statusId)],
      [after.statusId, name(after.statusId)],
    )
  }
  if (before.parentId !== after.parentId) {
    const key = (id: number | null) => (id === null ? null : (live.get(id)?.key ?? null))
    const id = (value: number | null) => (value === null ? null : String(value))
    item(
      'IssueParentAssociation',
      'parent',
      [id(before.parentId), key(before.parentId)],
      [id(after.parentId), key(after.parentId)],
    )
  }
  if (before.summary !== after.summary)
    item('summary', 'summary', [null, before.summary], [null, after.summary])
  if (before.storyPoints !== after.storyPoints) {
    const classic = projectRegistry.get(after.projectId)?.style === 'classic'
    const text = (n: number | null) => (n === null ? null : String(n))
    item(
      classic ? 'Story Points' : 'Story point estimate',
      classic ? CLASSIC_STORY_POINTS_FIELD : TEAM_STORY_POINTS_FIELD,
      [null, text(before.storyPoints)],
      [null, text(after.storyPoints)],
      'custom',
    )
  }
  if (before.assigneeId !== after.assigneeId) {
    const name = (id: string | null) =>
      id === null ? null : (accountRegistry.byAccountId(id)?.displayName ?? null)
    item(
      'assignee',
      'assignee',
      [before.assigneeId, name(before.assigneeId)],
      [after.assigneeId, name(after.assigneeId)],
    )
  }
  return items
}
