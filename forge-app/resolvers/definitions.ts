/**
 * @module
 * The admin page's resolvers as one type, shared by `makeResolver` on the backend and
 * `makeInvoke` in the page (type-only there, so no backend code reaches the browser bundle),
 * plus the payload schemas the backend parses with.
 */
import { z } from 'zod'
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

/** Shown once, right after rotation: the only time the secret leaves the app. */
export type RotatedSecret = SecretStatus & { secret: string }

export type AdminDefinitions = {
  getAllowList: () => ResolverResult<AllowList>
  setAllowList: (payload: SetAllowListPayload) => ResolverResult<AllowList>
  searchProjects: (payload: SearchProjectsPayload) => ResolverResult<ProjectOptionsPage>
  getSecretStatus: () => ResolverResult<SecretStatus | null>
  rotateSecret: () => ResolverResult<RotatedSecret>
  getWebTriggerUrl: () => ResolverResult<{ url: string }>
}
