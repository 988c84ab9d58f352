/**
 * @module
 * Jira admin webhooks, read leniently (DESIGN.md, "Freshness: events are hints"). Deliveries are
 * shaped by the site that sends them (custom fields, apps, Atlassian's changes), so only what a
 * notice needs is checked: `webhookEvent`, `timestamp`, and of `issue` its `id`, `key` and the
 * ids in `fields.parent` and `fields.project`; the changelog gives the parent before a move.
 * Anything else may be missing or odd without making an authentic delivery useless.
 */
import { z } from 'zod'
import { jiraIdSchema, type ChangeEvent, type ChangeNotice } from './change-notice.js'

/** The issue events a Portfolio Bridge webhook subscribes to, as Jira names them in `webhookEvent`. */
export const ISSUE_WEBHOOK_EVENTS = {
  'jira:issue_created': 'created',
  'jira:issue_updated': 'updated',
  'jira:issue_deleted': 'deleted',
} as const satisfies Record<string, ChangeEvent>
export type IssueWebhookEvent = keyof typeof ISSUE_WEBHOOK_EVENTS

// Ids arrive as strings; a number is tolerated and read as its decimal form.
const idSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(jiraIdSchema)
const optionalId = idSchema.optional().catch(undefined)
const optionalKey = z.string().trim().min(1).max(255).optional().catch(undefined)
const reference = z.object({ id: optionalId, key: optionalKey }).nullish().catch(undefined)

const webhookIssueSchema = z.object({
  id: idSchema,
  key: optionalKey,
  fields: z.object({ parent: reference, project: reference }).optional().catch(undefined),
})

// Jira names the parent field in changelogs differently by project style and age.
const PARENT_FIELDS = new Set([
  'parent',
  'IssueParentAssociation',
  'Parent',
  'Parent Link',
  'Epic Link',
])

const changelogItemSchema = z.object({
  field: z.string().optional().catch(undefined),
  fieldId: z.string().optional().catch(undefined),
  from: z.union([z.string(), z.number()]).nullish().catch(undefined),
})

const webhookSchema = z.object({
  webhookEvent: z.string().min(1).max(200),
  timestamp: z.number().int().positive().optional().catch(undefined),
  issue: z.unknown().optional(),
  changelog: z
    .object({ items: z.array(z.unknown()).max(1000).optional().catch(undefined) })
    .nullish()
    .catch(undefined),
})

export type ParsedWebhook =
  | { kind: 'issue'; notice: ChangeNotice; timestamp: number | null }
  | { kind: 'other'; webhookEvent: string }
  | { kind: 'invalid'; reason: string }

function previousParent(items: readonly unknown[] | undefined): string | null {
  for (const raw of items ?? []) {
    const item = changelogItemSchema.safeParse(raw)
    if (!item.success) continue
    const { field, fieldId, from } = item.data
    if (!PARENT_FIELDS.has(fieldId ?? '') && !PARENT_FIELDS.has(field ?? '')) continue
    const id = jiraIdSchema.safeParse(from === null || from === undefined ? '' : String(from))
    if (id.success) return id.data
  }
  return null
}

/**
 * Reads a delivery's JSON. Issue events become a notice; other events are `other` (a webhook
 * may tick more than it needs); a body that is not a Jira webhook at all is `invalid`.
 * @param receivedAt stands in for `timestamp` when Jira left it out.
 */
export function parseJiraWebhook(json: unknown, receivedAt: Date): ParsedWebhook {
  const envelope = webhookSchema.safeParse(json)
  if (!envelope.success) return { kind: 'invalid', reason: 'not a Jira webhook (no webhookEvent)' }
  const { webhookEvent, timestamp, changelog } = envelope.data
  const event = (ISSUE_WEBHOOK_EVENTS as Record<string, ChangeEvent | undefined>)[webhookEvent]
  if (!event) return { kind: 'other', webhookEvent }
  const issue = webhookIssueSchema.safeParse(envelope.data.issue)
  if (!issue.success) return { kind: 'invalid', reason: `${webhookEvent} without an issue id` }
  const { id, key, fields } = issue.data
  const at = new Date(timestamp ?? receivedAt.getTime())
  return {
    kind: 'issue',
    timestamp: timestamp ?? null,
    notice: {
      issueId: id,
      issueKey: key ?? null,
      parentId: fields?.parent?.id ?? null,
      previousParentId: previousParent(changelog?.items),
      projectId: fields?.project?.id ?? null,
      projectKey: fields?.project?.key ?? null,
      event,
      at: Number.isNaN(at.getTime()) ? receivedAt.toISOString() : at.toISOString(),
    },
  }
}
