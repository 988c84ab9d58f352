/**
 * @module
 * Forge product events about issues, read leniently into change notices (DESIGN.md, "Freshness:
 * events are hints"). Atlassian's "Jira events" reference documents `avi:jira:created:issue`,
 * `avi:jira:updated:issue` and `avi:jira:deleted:issue` with `{eventType, issue: {id, key,
 * fields}, atlassianId?, associatedUsers?}`, updates with a `changelog`; the documented issue
 * fields (summary, issuetype, creator, created, project, reporter, assignee, updated, status) do
 * not include `parent`. So the parent comes from `fields.parent` when the platform sends it, else
 * from a parent move in the changelog, else it is unknown: `parentKnown` says which, so the app
 * can ask Jira for it only when a notice would be useless without it.
 */
import { z } from 'zod'
import type { ChangeEvent, ChangeNotice } from './change-notice.js'
import { changelogSchema, lenientIdSchema, optionalKey, parentMove, reference } from './lenient-fields.js'

/** The product events the app's trigger subscribes to (manifest.yml), and what each one means. */
export const FORGE_ISSUE_EVENTS = {
  'avi:jira:created:issue': 'created',
  'avi:jira:updated:issue': 'updated',
  'avi:jira:deleted:issue': 'deleted',
} as const satisfies Record<string, ChangeEvent>
export type ForgeIssueEvent = keyof typeof FORGE_ISSUE_EVENTS

const forgeIssueSchema = z.object({
  id: lenientIdSchema,
  key: optionalKey,
  fields: z.record(z.string(), z.unknown()).optional().catch(undefined),
})

const forgeEventSchema = z.object({
  eventType: z.string().min(1).max(200),
  issue: z.unknown().optional(),
  changelog: changelogSchema,
})

export type ParsedForgeEvent =
  | {
      kind: 'issue'
      notice: ChangeNotice
      /** False when neither the payload nor its changelog says what the parent is. */
      parentKnown: boolean
    }
  | { kind: 'other'; eventType: string }
  | { kind: 'invalid'; reason: string }

/**
 * Reads a product event. Issue events become a notice stamped `receivedAt` (the documented
 * payload carries no time of its own); other events are `other`; anything else is `invalid`.
 */
export function parseForgeIssueEvent(json: unknown, receivedAt: Date): ParsedForgeEvent {
  const envelope = forgeEventSchema.safeParse(json)
  if (!envelope.success) return { kind: 'invalid', reason: 'not a Forge product event (no eventType)' }
  const { eventType, changelog } = envelope.data
  const event = (FORGE_ISSUE_EVENTS as Record<string, ChangeEvent | undefined>)[eventType]
  if (!event) return { kind: 'other', eventType }
  const issue = forgeIssueSchema.safeParse(envelope.data.issue)
  if (!issue.success) return { kind: 'invalid', reason: `${eventType} without an issue id` }
  const { id, key, fields = {} } = issue.data
  const parent = reference.parse(fields.parent)
  const project = reference.parse(fields.project)
  const move = parentMove(changelog?.items)
  const parentInPayload = Object.hasOwn(fields, 'parent')
  return {
    kind: 'issue',
    parentKnown: parentInPayload || move.seen,
    notice: {
      issueId: id,
      issueKey: key ?? null,
      parentId: parent?.id ?? (move.seen ? move.to : null),
      previousParentId: move.from,
      projectId: project?.id ?? null,
      projectKey: project?.key ?? null,
      event,
      at: receivedAt.toISOString(),
    },
  }
}
