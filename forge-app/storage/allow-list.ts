/**
 * @module
 * The allow-list: which Jira projects the portal may see through this installation. Kept in
 * Forge's Key-Value Store, validated on the way in and on the way out (storage is a boundary:
 * a value written by an older version of the app must not be trusted blindly).
 */
import { kvs } from '@forge/kvs'
import { z } from 'zod'
import { allowedProjectSchema, type AllowedProject } from '../../shared/contract/operations.js'

const ALLOW_LIST_KEY = 'allow-list'

/** More than any portal links (20 per portfolio), small enough for one KVS value. */
export const MAX_ALLOWED_PROJECTS = 500

// The project shape is part of the contract: `ping` shows the portal the same list.
export { allowedProjectSchema, type AllowedProject }

export const allowedProjectsSchema = z
  .array(allowedProjectSchema)
  .max(MAX_ALLOWED_PROJECTS)
  .refine((projects) => new Set(projects.map((project) => project.id)).size === projects.length, {
    message: 'a project is listed twice',
  })

export const allowListSchema = z.strictObject({
  projects: allowedProjectsSchema,
  /** ISO time of the last change; null before any. */
  updatedAt: z.iso.datetime().nullable(),
  /** Atlassian account id of whoever changed it last. */
  updatedBy: z.string().min(1).nullable(),
})

export type AllowList = z.infer<typeof allowListSchema>

const EMPTY: AllowList = { projects: [], updatedAt: null, updatedBy: null }

/** The stored allow-list; empty (the portal sees nothing) until an admin picks projects. */
export async function readAllowList(): Promise<AllowList> {
  const stored = await kvs.get<unknown>(ALLOW_LIST_KEY)
  return stored === undefined ? EMPTY : allowListSchema.parse(stored)
}

/** Replaces the allow-list (sorted by key so every reader sees the same order). */
export async function writeAllowList(
  projects: readonly AllowedProject[],
  change: { by: string; at: Date },
): Promise<AllowList> {
  const list = allowListSchema.parse({
    projects: [...projects].sort((a, b) => a.key.localeCompare(b.key)),
    updatedAt: change.at.toISOString(),
    updatedBy: change.by,
  })
  await kvs.set(ALLOW_LIST_KEY, list)
  return list
}
