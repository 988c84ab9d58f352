// Schemas of the Jira integration's API: connection, projects, epics, progress, sync.
import { z } from '@hono/zod-openapi'

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

export const VerifyBodySchema = CredentialsSchema.extend({
  query: z.string().trim().max(200).optional().openapi({ description: 'Filters the first page of projects.' }),
})

export const ConfigureBodySchema = CredentialsSchema.extend({
  projectKeys: z.array(ProjectKeySchema).max(100).openapi({ description: 'At most 20 distinct projects.' }),
  confirmSiteChange: z.boolean().optional().openapi({
    description: 'Needed to replace a connection to another site; everything linked is unlinked.',
  }),
})

export const EditBodySchema = z.object({
  siteUrl: siteUrl.optional(),
  accountEmail: accountEmail.optional(),
  apiToken: apiToken.optional(),
  confirmSiteChange: z.boolean().optional(),
})

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
    siteUrl: z.string(),
    authRoute: z.enum(['site', 'gateway']),
    account: AccountSchema,
    projects: z.array(ProjectOptionSchema),
    startAt: z.number().int(),
    total: z.number().int().nullable(),
    isLast: z.boolean(),
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
    tokenHint: z.string().openapi({ description: 'The last four characters of the token; the token itself is never returned.' }),
    authRoute: z.enum(['site', 'gateway']),
    health: HealthSchema,
    lastSyncAt: z.string().nullable(),
    lastFullSyncAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    projectLimit: z.number().int(),
    linkedProjects: z.array(LinkedProjectSchema),
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
