/**
 * @module
 * zod schemas for the slice of Jira Cloud REST API v3 we read. Objects are loose (Jira adds
 * fields all the time) but the values our figures depend on are strict: a status category
 * we do not know or story points that are not numbers would make us show wrong numbers,
 * so such answers are refused rather than guessed at.
 */
import { z } from 'zod'

export const statusCategoryKeySchema = z.enum(['new', 'indeterminate', 'done'])
export type StatusCategoryKey = z.infer<typeof statusCategoryKeySchema>

export const avatarUrlsSchema = z.looseObject({
  '16x16': z.string().optional(),
  '24x24': z.string().optional(),
  '32x32': z.string().optional(),
  '48x48': z.string().optional(),
})

export const userSchema = z.looseObject({
  accountId: z.string().min(1),
  accountType: z.string().optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  active: z.boolean().optional(),
  timeZone: z.string().optional(),
  avatarUrls: avatarUrlsSchema.optional(),
})
export type JiraUser = z.infer<typeof userSchema>

/** `GET /rest/api/3/myself`: without an `accountId` it is not a Jira answer. */
export const myselfSchema = userSchema

export const tenantInfoSchema = z.looseObject({ cloudId: z.string().min(1) })

/** `GET /rest/api/3/serverInfo`: `baseUrl` is the site's address, whoever asks (no scope needed). */
export const serverInfoSchema = z.looseObject({ baseUrl: z.string().min(1) })

/** `GET /rest/api/3/mypermissions`: each permission asked for, with whether the caller has it. */
export const myPermissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
})
export type MyPermissions = z.infer<typeof myPermissionsSchema>

export const projectSchema = z.looseObject({
  id: z.string().min(1),
  key: z.string().min(1),
  name: z.string(),
  avatarUrls: avatarUrlsSchema.optional(),
  projectTypeKey: z.string().optional(),
  simplified: z.boolean().optional(),
  style: z.string().optional(),
})
export type JiraProjectBean = z.infer<typeof projectSchema>

/** `GET /rest/api/3/project/search`: a page of projects, paged by `startAt`. */
export const projectPageSchema = z.looseObject({
  startAt: z.number().int().nonnegative(),
  maxResults: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
  isLast: z.boolean(),
  nextPage: z.string().optional(),
  values: z.array(projectSchema),
})
export type ProjectPage = z.infer<typeof projectPageSchema>

export const fieldSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  custom: z.boolean().optional(),
  schema: z
    .looseObject({
      type: z.string(),
      custom: z.string().optional(),
      system: z.string().optional(),
      customId: z.number().optional(),
    })
    .optional(),
})
export type JiraField = z.infer<typeof fieldSchema>

/** `GET /rest/api/3/field` */
export const fieldListSchema = z.array(fieldSchema)

export const issueTypeSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  subtask: z.boolean().optional(),
  hierarchyLevel: z.number().int().optional(),
  scope: z
    .looseObject({
      type: z.string(),
      project: z.looseObject({ id: z.string() }).optional(),
    })
    .optional(),
})
export type JiraIssueType = z.infer<typeof issueTypeSchema>

/** `GET /rest/api/3/issuetype` */
export const issueTypeListSchema = z.array(issueTypeSchema)

export const statusSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  statusCategory: z.looseObject({
    key: statusCategoryKeySchema,
    name: z.string().optional(),
  }),
})
export type JiraStatus = z.infer<typeof statusSchema>

/** An issue as search and bulk fetch return it; `fields` holds only what was asked for. */
export const issueSchema = z.looseObject({
  id: z.string().min(1),
  key: z.string().min(1),
  fields: z.record(z.string(), z.unknown()).optional(),
})
export type JiraIssueBean = z.infer<typeof issueSchema>

/** The system fields we read from an issue, each checked when it is present. */
export const issueFieldsSchema = z.looseObject({
  summary: z.string().optional(),
  status: statusSchema.optional(),
  issuetype: issueTypeSchema.optional(),
  parent: z.looseObject({ id: z.string().min(1), key: z.string().optional() }).nullable().optional(),
  project: z
    .looseObject({ id: z.string().min(1), key: z.string().min(1), name: z.string().optional() })
    .optional(),
  assignee: userSchema.nullable().optional(),
  updated: z.string().optional(),
})
export type JiraIssueFields = z.infer<typeof issueFieldsSchema>

/** A story-points value: a number or empty. A string here would be a different field. */
export const storyPointsValueSchema = z.number().finite().nullable().optional()

/** `GET|POST /rest/api/3/search/jql`: paged by `nextPageToken`, no `total`. */
export const searchPageSchema = z.looseObject({
  issues: z.array(issueSchema),
  nextPageToken: z.string().nullable().optional(),
  isLast: z.boolean().optional(),
})
export type SearchPage = z.infer<typeof searchPageSchema>

/** `POST /rest/api/3/issue/bulkfetch`: issues not found or invisible are simply absent. */
export const bulkFetchSchema = z.looseObject({
  issues: z.array(issueSchema),
  issueErrors: z
    .array(z.looseObject({ id: z.string().optional(), errorMessage: z.string().optional() }))
    .optional(),
})
export type BulkFetchResult = z.infer<typeof bulkFetchSchema>
