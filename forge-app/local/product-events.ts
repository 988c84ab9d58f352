/**
 * @module
 * Forge product events, emulated for tests and `forge:local`: Jira (the sandbox) announces issue
 * changes as admin webhook deliveries, and this turns each into the event the Forge platform
 * would hand the app's trigger, in the shape Atlassian documents ("Jira events": `eventType`,
 * `issue` with only the documented fields, `atlassianId`, `associatedUsers`, and `changelog` for
 * updates). The documented fields carry no parent, so none is passed on: the app must cope
 * without it, as it will on a real site.
 */
import { z } from 'zod'

const EVENT_TYPES: Record<string, string> = {
  'jira:issue_created': 'avi:jira:created:issue',
  'jira:issue_updated': 'avi:jira:updated:issue',
  'jira:issue_deleted': 'avi:jira:deleted:issue',
}

/** The issue fields the "Jira events" reference lists for issue events. */
const DOCUMENTED_FIELDS = ['summary', 'issuetype', 'creator', 'created', 'project', 'reporter', 'assignee', 'updated', 'status'] as const

const webhookSchema = z.looseObject({
  webhookEvent: z.string(),
  user: z.looseObject({ accountId: z.string() }).nullish().catch(undefined),
  issue: z.looseObject({ id: z.string(), key: z.string(), fields: z.record(z.string(), z.unknown()).optional() }),
  changelog: z.looseObject({ id: z.string().optional(), items: z.array(z.unknown()) }).nullish().catch(undefined),
})

/** The product event for a Jira webhook body, or null when it is not an issue event the app subscribes to. */
export function productEventFromWebhook(body: unknown): Record<string, unknown> | null {
  const parsed = webhookSchema.safeParse(body)
  if (!parsed.success) return null
  const eventType = EVENT_TYPES[parsed.data.webhookEvent]
  if (!eventType) return null
  const { issue, user, changelog } = parsed.data
  const fields = Object.fromEntries(DOCUMENTED_FIELDS.filter((name) => issue.fields?.[name] !== undefined).map((name) => [name, issue.fields?.[name]]))
  return {
    eventType,
    issue: { id: issue.id, key: issue.key, fields },
    ...(user ? { atlassianId: user.accountId, associatedUsers: [{ accountId: user.accountId }] } : {}),
    ...(eventType === 'avi:jira:updated:issue' && changelog ? { changelog: { id: changelog.id, items: changelog.items } } : {}),
  }
}
