/**
 * @module
 * What the portal may ask the Forge app's web trigger, and what it answers: one operation per
 * `JiraSource` method the portal uses, plus `ping`. Requests are strict (an app that does not
 * know a field refuses it rather than ignoring it); answers reuse the records of
 * shared/jira/records.ts, so both ways of reaching Jira return the same shapes. Every answer is
 * bounded — one Jira page, a cursor for the next — so each invocation ends well inside the
 * 55 s a web trigger may run (DESIGN.md, "Forge facts").
 */
import { z } from 'zod'
import {
  changedIssueSchema,
  childRecordSchema,
  epicRecordSchema,
  jiraAccountSchema,
  jiraProjectSchema,
  pageSchema,
  projectSearchResultSchema,
  siteFactsSchema,
} from '../jira/records.js'

/** Bumped when an operation changes shape; `ping` reports it so the portal can ask for an update. */
export const CONTRACT_VERSION = 1

/** Jira answers ids or keys of at most 50 projects per project search call. */
export const MAX_PROJECTS_PER_CALL = 50
/** Issues per bulk fetch, epics per children query: one Jira call each. */
export const MAX_ISSUES_PER_CALL = 100
/** Jira's largest page for searches with a few fields. */
export const MAX_PAGE_SIZE = 100
/** More project keys than any portfolio links (20), few enough for one JQL clause. */
export const MAX_PROJECT_KEYS = 100

const digits = z.string().regex(/^\d{1,18}$/, 'a Jira id is a string of digits')
export const projectKeySchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'a Jira project key is upper-case letters, digits and _')
export const issueIdOrKeySchema = z
  .string()
  .regex(/^(\d{1,18}|[A-Z][A-Z0-9_]{0,254}-[1-9]\d{0,9})$/, 'an issue id (digits) or key (ABC-12)')
const cursorIn = z.string().min(1).max(4_096).nullable().optional()

/**
 * Facts the portal already holds (it keeps them per connection): sent along, they spare the app
 * two Jira calls per invocation, and Forge apps pay per call (DESIGN.md, "Jira facts").
 */
export const knownFactsSchema = z.strictObject({
  storyPointsFieldIds: z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/)).max(50),
  epicTypeIds: z.array(digits).max(50),
})

/** A project as a Jira admin put it on the app's allow-list: the id is the identity, keys change. */
export const allowedProjectSchema = z.strictObject({
  id: digits,
  key: projectKeySchema,
  name: z.string().trim().min(1).max(255),
})
export type AllowedProject = z.infer<typeof allowedProjectSchema>

/** Each operation: its request (without the `operation` tag) and the `data` of its answer. */
export const OPERATIONS = {
  ping: {
    request: z.strictObject({}),
    response: z.object({
      app: z.literal('portfolio-bridge'),
      contractVersion: z.number().int().positive(),
      /** What the portal may see through this installation. */
      allowList: z.array(allowedProjectSchema),
      /** The Jira site's address as Jira states it; null if Jira would not say. */
      siteUrl: z.string().nullable(),
      /** The site's cloud id, from the invocation context; null when the platform gave none. */
      cloudId: z.string().nullable(),
    }),
  },
  account: {
    request: z.strictObject({}),
    response: jiraAccountSchema,
  },
  searchProjects: {
    request: z.strictObject({
      query: z.string().max(200).optional(),
      startAt: z.number().int().min(0).max(100_000).optional(),
      maxResults: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
    }),
    response: projectSearchResultSchema,
  },
  projects: {
    request: z.strictObject({ ids: z.array(digits).min(1).max(MAX_PROJECTS_PER_CALL) }),
    response: z.array(jiraProjectSchema),
  },
  projectsByKeys: {
    request: z.strictObject({ keys: z.array(projectKeySchema).min(1).max(MAX_PROJECTS_PER_CALL) }),
    response: z.array(jiraProjectSchema),
  },
  siteFacts: {
    request: z.strictObject({}),
    response: siteFactsSchema,
  },
  searchEpics: {
    request: z.strictObject({
      projectKeys: z.array(projectKeySchema).min(1).max(MAX_PROJECT_KEYS),
      query: z.string().max(200).optional(),
      cursor: cursorIn,
      maxResults: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
      facts: knownFactsSchema.optional(),
    }),
    response: pageSchema(epicRecordSchema),
  },
  epics: {
    request: z.strictObject({ idsOrKeys: z.array(issueIdOrKeySchema).min(1).max(MAX_ISSUES_PER_CALL) }),
    response: z.array(epicRecordSchema),
  },
  children: {
    request: z.strictObject({
      epicIds: z.array(digits).min(1).max(MAX_ISSUES_PER_CALL),
      cursor: cursorIn,
      facts: knownFactsSchema.optional(),
    }),
    response: pageSchema(childRecordSchema),
  },
  /**
   * Where the app forwards change notices (Forge product events) from now on: the portal's
   * delivery URL. Signed like every request, so only a holder of the secret can point the app's
   * notices anywhere, and the app's egress (manifest.yml) bounds where that can be.
   */
  subscribeEvents: {
    request: z.strictObject({ eventsUrl: z.url({ protocol: /^https?$/ }).max(2_000) }),
    response: z.object({
      eventsUrl: z.string(),
      /** What the app sends in X-PB-Key-Id: the fingerprint of the secret it signs with. */
      keyId: z.string(),
      subscribedAt: z.string(),
    }),
  },
  changes: {
    request: z.strictObject({
      projectKeys: z.array(projectKeySchema).min(1).max(MAX_PROJECT_KEYS),
      /** Minutes back from Jira's clock (the sync asks for a day at most; ten years bounds the value). */
      sinceMinutes: z.number().int().min(1).max(10 * 366 * 24 * 60),
      cursor: cursorIn,
      facts: knownFactsSchema.optional(),
    }),
    response: pageSchema(changedIssueSchema),
  },
} as const

export type OperationName = keyof typeof OPERATIONS
export type OperationParams<K extends OperationName> = z.input<(typeof OPERATIONS)[K]['request']>
export type OperationData<K extends OperationName> = z.output<(typeof OPERATIONS)[K]['response']>
export type PingData = OperationData<'ping'>

/** A request body as the web trigger parses it: the operation's fields plus its name. */
export const portalRequestSchema = z.discriminatedUnion('operation', [
  OPERATIONS.ping.request.extend({ operation: z.literal('ping') }),
  OPERATIONS.account.request.extend({ operation: z.literal('account') }),
  OPERATIONS.searchProjects.request.extend({ operation: z.literal('searchProjects') }),
  OPERATIONS.projects.request.extend({ operation: z.literal('projects') }),
  OPERATIONS.projectsByKeys.request.extend({ operation: z.literal('projectsByKeys') }),
  OPERATIONS.siteFacts.request.extend({ operation: z.literal('siteFacts') }),
  OPERATIONS.searchEpics.request.extend({ operation: z.literal('searchEpics') }),
  OPERATIONS.epics.request.extend({ operation: z.literal('epics') }),
  OPERATIONS.children.request.extend({ operation: z.literal('children') }),
  OPERATIONS.changes.request.extend({ operation: z.literal('changes') }),
  OPERATIONS.subscribeEvents.request.extend({ operation: z.literal('subscribeEvents') }),
])
export type PortalRequest = z.infer<typeof portalRequestSchema>

/** The body to sign and send for `operation` (the portal's side). */
export function portalRequest<K extends OperationName>(operation: K, params: OperationParams<K>): string {
  return JSON.stringify({ ...params, operation })
}
