/**
 * @module
 * Jira admin webhooks, read leniently (DESIGN.md, "Freshness: events are hints"). Deliveries are
 * shaped by the site that sends them (custom fields, apps, Atlassian's changes), so only what a
 * notice needs is checked: `webhookEvent`, `timestamp`, and of `issue` its `id`, `key` and the
 * ids in `fields.parent` and `fields.project`; the changelog gives the parent before a move.
 * Anything else may be missing or odd without making an authentic delivery useless.
 */
import { z } from 'zod'
import type { ChangeEvent, ChangeNotice } from './change-notice.js'
import { changelogSchema, lenientIdSchema, optionalKey, parentMove, reference } from './lenient-fields.js'

/** The issue events a Portfolio Bridge webhook subscribes to, as Jira names them in `webhookEvent`. */
export const ISSUE_WEBHOOK_EVENTS = {
  'jira:issue_created': 'created',
  'jira:issue_updated': 'updated',
  'jira:issue_deleted': 'deleted',
} as const satisfies Record<string, ChangeEvent>
export type IssueWebhookEvent = keyof typeof ISSUE_WEBHOOK_EVENTS

const webhookIssueSchema = z.object({
  id: lenientIdSchema,
  key: optionalKey,
  fields: z.object({ parent: reference, project: reference }).optional().catch(undefined),
})

const webhookSchema = z.object({
  webhookEvent: z.string().min(1).max(200),
  timestamp: z.number().int().positive().optional().catch(undefined),
  issue: z.unknown().optional(),
  changelog: changelogSchema,
})

export type ParsedWebhook =
  | { kind: 'issue'; notice: ChangeNotice; timestamp: number | null }
  | { kind: 'other'; webhookEvent: string }
  | { kind: 'invalid'; reason: string }

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
      previousParentId: parentMove(changelog?.items).from,
      projectId: fields?.project?.id ?? null,
      projectKey: fields?.project?.key ?? null,
      event,
      at: Number.isNaN(at.getTime()) ? receivedAt.toISOString() : at.toISOString(),
    },
  }
}
