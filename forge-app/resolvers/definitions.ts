/**
 * @module
 * The admin page's resolvers as one type, shared by `makeResolver` on the backend and
 * `makeInvoke` in the page (type-only there, so no backend code reaches the browser bundle),
 * plus the payload schemas the backend parses with.
 */
import { z } from 'zod'
import { issueIdOrKeySchema, projectKeySchema } from '../../shared/contract/operations.js'
import type { EpicRecord } from '../../shared/jira/records.js'
import type { EpicProgress } from '../../shared/progress/progress.js'
import { allowedProjectsSchema, type AllowList } from '../storage/allow-list.js'
import type { SecretStatus } from '../storage/portal-secret.js'
import type { ResolverResult } from './envelope.js'

export const setAllowListPayloadSchema = z.strictObject({ projects: allowedProjectsSchema })
export type SetAllowListPayload = z.infer<typeof setAllowListPayloadSchema>

export const searchProjectsPayloadSchema = z.strictObject({
  query: z.string().trim().max(100).optional(),
  startAt: z.number().int().min(0).max(100_000).optional(),
})
export type SearchProjectsPayload = z.infer<typeof searchProjectsPayloadSchema>

/** One project the picker can offer. */
export interface ProjectOption {
  id: string
  key: string
  name: string
  avatarUrl: string | null
}

export interface ProjectOptionsPage {
  projects: ProjectOption[]
  /** Pass as `startAt` for the next page; null on the last one. */
  nextStartAt: number | null
}

/** As many epics as an initiative links: their children fit one resolver invocation. */
export const MAX_EPICS_PER_PROGRESS_CALL = 20

export const getEpicProgressPayloadSchema = z.strictObject({
  epicKeys: z.array(z.string().trim().toUpperCase().pipe(issueIdOrKeySchema)).min(1).max(MAX_EPICS_PER_PROGRESS_CALL),
})
export type GetEpicProgressPayload = z.input<typeof getEpicProgressPayloadSchema>

/** An epic with the figures the portal shows for it, read just now. */
export interface EpicProgressItem {
  epic: EpicRecord
  progress: EpicProgress
  /** ISO time the children were read. */
  readAt: string
}

export interface EpicProgressAnswer {
  epics: EpicProgressItem[]
  /** Keys Jira does not show the app, or of projects not on the allow-list (the two look alike). */
  missing: string[]
  /** Keys of allowed issues that are not epics. */
  notEpics: string[]
}

export const listEpicsPayloadSchema = z.strictObject({
  /** One allowed project; all of them when omitted. */
  projectKey: z.string().trim().toUpperCase().pipe(projectKeySchema).optional(),
  query: z.string().trim().max(200).optional(),
  cursor: z.string().min(1).max(4_096).nullable().optional(),
})
export type ListEpicsPayload = z.input<typeof listEpicsPayloadSchema>

export interface EpicListPage {
  epics: EpicRecord[]
  nextCursor: string | null
}

/** Shown once, right after rotation: the only time the secret leaves the app. */
export type RotatedSecret = SecretStatus & { secret: string }

export type AdminDefinitions = {
  getAllowList: () => ResolverResult<AllowList>
  setAllowList: (payload: SetAllowListPayload) => ResolverResult<AllowList>
  searchProjects: (payload: SearchProjectsPayload) => ResolverResult<ProjectOptionsPage>
  getSecretStatus: () => ResolverResult<SecretStatus | null>
  rotateSecret: () => ResolverResult<RotatedSecret>
  getWebTriggerUrl: () => ResolverResult<{ url: string }>
  getEpicProgress: (payload: GetEpicProgressPayload) => ResolverResult<EpicProgressAnswer>
  listEpics: (payload: ListEpicsPayload) => ResolverResult<EpicListPage>
}
