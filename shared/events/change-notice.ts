/**
 * @module
 * A change notice: the hint that one Jira issue may have changed (DESIGN.md, "Freshness: events
 * are hints"). Jira admin webhooks (API-token mode) and Forge product events (Forge mode) both
 * become notices, and the portal turns a burst of them into one targeted re-read. A notice
 * never carries figures: all it can make the portal do is look at some epics again.
 */
import { z } from 'zod'

export const CHANGE_EVENTS = ['created', 'updated', 'deleted'] as const
export type ChangeEvent = (typeof CHANGE_EVENTS)[number]

/** Jira ids are decimal strings; bounding them keeps a forged notice small and harmless. */
export const jiraIdSchema = z.string().regex(/^\d{1,18}$/, 'must be a Jira id')
const keySchema = z.string().trim().min(1).max(255)

export const changeNoticeSchema = z.object({
  /** The issue that changed (ids are stable; keys change when issues move). */
  issueId: jiraIdSchema,
  issueKey: keySchema.nullable(),
  /** Its parent after the change: an epic for a standard issue, a standard issue for a sub-task. */
  parentId: jiraIdSchema.nullable(),
  /** Its parent before the change, when the change moved it (from the changelog). */
  previousParentId: jiraIdSchema.nullable().default(null),
  projectId: jiraIdSchema.nullable(),
  projectKey: keySchema.nullable(),
  event: z.enum(CHANGE_EVENTS),
  /** When Jira raised the event (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
})
export type ChangeNotice = z.output<typeof changeNoticeSchema>
export type ChangeNoticeInput = z.input<typeof changeNoticeSchema>

/** At most this many notices travel in one message (a Forge app forwarding a batch, say). */
export const MAX_NOTICES_PER_BATCH = 100

export const changeNoticeBatchSchema = z.object({
  notices: z.array(changeNoticeSchema).min(1).max(MAX_NOTICES_PER_BATCH),
})
export type ChangeNoticeBatch = z.output<typeof changeNoticeBatchSchema>
