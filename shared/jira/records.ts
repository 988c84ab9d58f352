/**
 * @module
 * What we keep of Jira's answers, in our own words: an account, a project, an epic, a child
 * issue. Both ways of reaching Jira (API token in the portal, the Forge app's web trigger)
 * return these exact shapes, so the portal cannot tell them apart.
 */
import { z } from 'zod'
import { statusCategoryKeySchema } from './schemas.js'

export const jiraAccountSchema = z.object({
  accountId: z.string(),
  displayName: z.string(),
  emailAddress: z.string().nullable(),
  timeZone: z.string().nullable(),
})
export type JiraAccount = z.infer<typeof jiraAccountSchema>

export const jiraProjectSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  style: z.enum(['classic', 'next-gen']).nullable(),
})
export type JiraProject = z.infer<typeof jiraProjectSchema>

export const jiraStatusSchema = z.object({
  name: z.string(),
  category: statusCategoryKeySchema,
})
export type JiraIssueStatus = z.infer<typeof jiraStatusSchema>

export const jiraPersonSchema = z.object({
  accountId: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
})
export type JiraPerson = z.infer<typeof jiraPersonSchema>

/** An epic as the portal shows and links it. Identified by `id`: keys change when issues move. */
export const epicRecordSchema = z.object({
  id: z.string(),
  key: z.string(),
  summary: z.string(),
  status: jiraStatusSchema,
  assignee: jiraPersonSchema.nullable(),
  projectId: z.string(),
  projectKey: z.string(),
  /** 1 for epics; anything else means the issue is no longer an epic. */
  hierarchyLevel: z.number().int(),
  updated: z.string().nullable(),
})
export type EpicRecord = z.infer<typeof epicRecordSchema>

/** A child issue of an epic: just what progress needs. */
export const childRecordSchema = z.object({
  id: z.string(),
  key: z.string(),
  epicId: z.string(),
  statusCategory: statusCategoryKeySchema,
  /** Null when the child has no estimate, or the site has no story-points field. */
  storyPoints: z.number().nullable(),
})
export type ChildRecord = z.infer<typeof childRecordSchema>

/**
 * An issue that changed in a linked project (incremental sync): an epic, a child of some
 * epic, or something else. The sync decides what it means for the epics it tracks.
 */
export const changedIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  hierarchyLevel: z.number().int(),
  parentId: z.string().nullable(),
  projectId: z.string(),
  projectKey: z.string(),
  summary: z.string(),
  status: jiraStatusSchema,
  assignee: jiraPersonSchema.nullable(),
  storyPoints: z.number().nullable(),
  updated: z.string().nullable(),
})
export type ChangedIssue = z.infer<typeof changedIssueSchema>

/** What differs between sites (see site-facts.ts): the story-points fields and the epic issue types. */
export const siteFactsSchema = z.object({
  storyPointsFieldIds: z.array(z.string()),
  epicTypeIds: z.array(z.string()),
})

/** One page of a project search, paged by `startAt` as Jira's own search is. */
export const projectSearchResultSchema = z.object({
  projects: z.array(jiraProjectSchema),
  startAt: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  isLast: z.boolean(),
})

/** One page of a cursor-paged reading: pass `nextCursor` back for the next; null on the last. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}
