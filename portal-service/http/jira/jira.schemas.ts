// Schemas of the Jira integration's API: connection, projects, epics, progress, sync.
import { z } from '@hono/zod-openapi'
import { EventFreshnessSchema } from '../webhooks/webhooks.schemas.js'

const siteUrl = z.string().trim().min(1).max(2048).openapi({ example: 'https://mycompany.atlassian.net' })
const accountEmail = z.email().max(320).openapi({ example: 'jira-reader@mycompany.com' })
const apiToken = z
  .string()
  .trim()
  .min(1, 'must not be blank')
  .max(1024)
  .openapi({ description: 'An Atlassian API token for the account. Stored encrypted, never returned.' })
export const ProjectKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a Jira project key')
  .openapi({ example: 'MOB' })

export const CredentialsSchema = z.object({ siteUrl, accountEmail, apiToken })

const webTriggerUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .openapi({ description: "The Forge app's web trigger URL, from the app's admin page in Jira.", example: 'https://4a5b0c1d.hello.atlassian-dev.net/x1/AbCdEf' })
const secret = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, "must be the 43-character secret shown on the Forge app's admin page")
  .openapi({ description: 'The secret the Forge app generated. Stored encrypted, never returned.' })

const apiTokenMode = z.literal('api_token').default('api_token').openapi({ description: 'Optional: API-token mode is the default.' })
const forgeMode = z.literal('forge').openapi({ description: 'Read Jira through the Forge app installed on the site.' })
const query = z.string().trim().max(200).optional().openapi({ description: 'Filters the first page of projects.' })
const projectKeys = z.array(ProjectKeySchema).max(100).openapi({ description: 'At most 20 distinct projects.' })
const confirmSiteChange = z.boolean().optional().openapi({
  description: 'Needed to replace a connection to another site; everything linked is unlinked.',
})

export const ForgeCredentialsSchema = z.object({ mode: forgeMode, webTriggerUrl, secret })

export const ApiTokenVerifyBodySchema = CredentialsSchema.extend({ mode: apiTokenMode, query })
export const ForgeVerifyBodySchema = ForgeCredentialsSchema.extend({ query })
/** API token (the default, `mode` may be omitted) or Forge app. */
export const VerifyBodySchema = z.discriminatedUnion('mode', [ApiTokenVerifyBodySchema, ForgeVerifyBodySchema]).openapi('JiraVerifyBody')

export const ApiTokenConfigureBodySchema = CredentialsSchema.extend({ mode: apiTokenMode, projectKeys, confirmSiteChange })
export const ForgeConfigureBodySchema = ForgeCredentialsSchema.extend({ projectKeys, confirmSiteChange })
export const ConfigureBodySchema = z
  .discriminatedUnion('mode', [ApiTokenConfigureBodySchema, ForgeConfigureBodySchema])
  .openapi('JiraConfigureBody')

const API_TOKEN_FIELDS = ['siteUrl', 'accountEmail', 'apiToken'] as const
const FORGE_FIELDS = ['webTriggerUrl', 'secret'] as const

/**
 * Either mode's fields, never both. Without `mode`, the fields say which mode is meant; a
 * connection moves to the other mode when that mode's fields are all given.
 */
export const EditBodySchema = z
  .object({
    mode: z.enum(['api_token', 'forge']).optional(),
    siteUrl: siteUrl.optional(),
    accountEmail: accountEmail.optional(),
    apiToken: apiToken.optional(),
    webTriggerUrl: webTriggerUrl.optional(),
    secret: secret.optional(),
    confirmSiteChange: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    const apiFields = API_TOKEN_FIELDS.filter((field) => body[field] !== undefined)
    const forgeFields = FORGE_FIELDS.filter((field) => body[field] !== undefined)
    const mixed = (apiFields.length > 0 && forgeFields.length > 0) || (body.mode === 'forge' && apiFields.length > 0) || (body.mode === 'api_token' && forgeFields.length > 0)
    if (mixed) ctx.addIssue({ code: 'custom', path: ['mode'], message: 'send the fields of one mode: siteUrl/accountEmail/apiToken, or webTriggerUrl/secret' })
  })

/** Whether an edit is meant for Forge mode. */
export function isForgeEdit(body: z.infer<typeof EditBodySchema>): boolean {
  return body.mode === 'forge' || (body.mode === undefined && FORGE_FIELDS.some((field) => body[field] !== undefined))
}

export const AccountSchema = z
  .object({
    accountId: z.string(),
    displayName: z.string(),
    emailAddress: z.string().nullable(),
    timeZone: z.string().nullable(),
  })
  .openapi('JiraAccount')

export const ProjectOptionSchema = z
  .object({ id: z.string(), key: z.string(), name: z.string(), avatarUrl: z.string().nullable(), linked: z.boolean() })
  .openapi('JiraProjectOption')

export const VerifyResultSchema = z
  .object({
    mode: z.enum(['api_token', 'forge']),
    siteUrl: z.string(),
    authRoute: z.enum(['site', 'gateway']),
    account: AccountSchema,
    projects: z.array(ProjectOptionSchema),
    startAt: z.number().int(),
    total: z.number().int().nullable(),
    isLast: z.boolean(),
    webTriggerUrl: z.string().optional().openapi({ description: 'Forge mode: the web trigger that answered.' }),
    cloudId: z.string().nullable().optional().openapi({ description: 'Forge mode: the cloud id of the site the app is installed on.' }),
  })
  .openapi('JiraVerification')

export const LinkedProjectSchema = z
  .object({
    id: z.string().openapi({ description: 'Jira’s project id.' }),
    key: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    url: z.string().openapi({ description: 'The project in Jira.' }),
    state: z.enum(['ok', 'missing']).openapi({ description: '`missing`: Jira no longer shows it to the account.' }),
    linkedAt: z.string(),
  })
  .openapi('LinkedProject')

export const UnlinkedEpicSchema = z
  .object({ id: z.string(), key: z.string(), summary: z.string(), initiativeId: z.string(), initiativeName: z.string() })
  .openapi('UnlinkedEpic')

export const UnlinkedProjectSchema = z.object({ id: z.string(), key: z.string(), name: z.string() }).openapi('UnlinkedProject')

export const CascadeSchema = z
  .object({ unlinkedProjects: z.array(UnlinkedProjectSchema), unlinkedEpics: z.array(UnlinkedEpicSchema) })
  .openapi('JiraCascade')

export const HealthSchema = z
  .object({ status: z.string(), message: z.string(), checkedAt: z.string().nullable() })
  .openapi('JiraHealth')

export const ConnectionSchema = z
  .object({
    mode: z.enum(['api_token', 'forge']),
    siteUrl: z.string(),
    accountEmail: z.string().nullable(),
    accountName: z.string().nullable(),
    tokenHint: z.string().openapi({ description: 'The last four characters of the token (or of the Forge secret); the credential itself is never returned.' }),
    authRoute: z.enum(['site', 'gateway']),
    webTriggerUrl: z.string().nullable().openapi({ description: 'Forge mode: the web trigger the portal calls; null in API-token mode.' }),
    secretHint: z.string().nullable().openapi({ description: 'Forge mode: the last four characters of the secret; null in API-token mode.' }),
    health: HealthSchema,
    lastSyncAt: z.string().nullable(),
    lastFullSyncAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    projectLimit: z.number().int(),
    linkedProjects: z.array(LinkedProjectSchema),
    events: EventFreshnessSchema.optional().openapi({
      description: 'Whether Jira events are flowing (GET only): live, waiting, events stopped <time>, or polling only.',
    }),
  })
  .openapi('JiraConnection')

export const ConnectionChangeSchema = ConnectionSchema.extend(CascadeSchema.shape).openapi('JiraConnectionChange')

export const AvailableProjectsSchema = z
  .object({
    projects: z.array(ProjectOptionSchema),
    startAt: z.number().int(),
    total: z.number().int().nullable(),
    isLast: z.boolean(),
  })
  .openapi('AvailableJiraProjects')

export const LinkProjectsResultSchema = z
  .object({
    linked: z.array(LinkedProjectSchema),
    alreadyLinked: z.array(z.string()),
    linkedProjects: z.array(LinkedProjectSchema),
  })
  .openapi('LinkProjectsResult')

const StatusSchema = z.object({ name: z.string(), category: z.enum(['new', 'indeterminate', 'done']) })

export const EpicOptionSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    summary: z.string(),
    status: z.object({ name: z.string(), category: z.string() }),
    projectKey: z.string(),
    linkedTo: z.array(z.string()).openapi({ description: 'Initiatives of this portfolio it is linked to.' }),
  })
  .openapi('EpicOption')

const CountsSchema = z.object({ todo: z.number(), inProgress: z.number(), done: z.number(), total: z.number() })
const PointsSchema = CountsSchema.extend({ unestimated: z.number(), percentDone: z.number().nullable() })

export const EpicProgressSchema = z
  .object({
    children: CountsSchema,
    percentDone: z.number().nullable(),
    points: PointsSchema.nullable(),
    doneWithOpenChildren: z.boolean(),
  })
  .openapi('EpicProgress')

export const EpicSchema = z
  .object({
    id: z.string().openapi({ description: 'The epic’s Jira id.' }),
    key: z.string(),
    summary: z.string(),
    url: z.string().nullable(),
    status: StatusSchema,
    assignee: z.object({ displayName: z.string(), avatarUrl: z.string().nullable() }).nullable(),
    project: z.object({ id: z.string(), key: z.string(), avatarUrl: z.string().nullable() }),
    state: z.enum(['ok', 'deleted', 'moved_out', 'not_epic', 'not_read']),
    stateMessage: z.string().nullable(),
    progress: EpicProgressSchema.nullable(),
    readAt: z.string().nullable(),
    stale: z.boolean(),
    staleSince: z.string().nullable(),
    flags: z.object({ doneWithOpenChildren: z.boolean(), unestimatedChildren: z.number() }),
    linkedAt: z.string(),
  })
  .openapi('LinkedEpic')

export const RollUpSchema = z
  .object({
    epics: z.number(),
    epicsWithoutChildren: z.number(),
    children: CountsSchema,
    percentDone: z.number().nullable(),
    points: PointsSchema.nullable(),
    epicsDoneWithOpenChildren: z.number(),
  })
  .openapi('RollUp')

export const InitiativeProgressSchema = z
  .object({ rollUp: RollUpSchema, readAt: z.string().nullable(), stale: z.boolean(), epicsNotRead: z.number() })
  .openapi('InitiativeProgress')

export const SyncRunSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['full', 'incremental', 'epics']),
    trigger: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    outcome: z.enum(['running', 'ok', 'partial', 'failed']),
    calls: z.number(),
    epicsRead: z.number(),
    childrenRead: z.number(),
    error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  })
  .openapi('SyncRun')

export const SyncStatusSchema = z
  .object({ health: HealthSchema, lastSyncAt: z.string().nullable(), running: z.boolean(), runs: z.array(SyncRunSchema) })
  .openapi('SyncStatus')
