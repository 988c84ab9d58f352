// Schemas several route groups share: ids, names, dates, the user.
import { z } from '@hono/zod-openapi'

/** A path id. A value that is not a UUID gets 404 (see `createRouter`), like an unknown id. */
export const idParam = (name: string, description: string) =>
  z.uuid().openapi({ param: { name, in: 'path' }, description })

/** Free text that must not be blank; trimmed before the length check. */
export const requiredText = (max: number) => z.string().trim().min(1, 'must not be blank').max(max)

/** Optional free text; blank or null clears it. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value === '' ? null : value))

/** A real calendar date as `YYYY-MM-DD` (2026-02-30 is refused). */
export const DateSchema = z.iso.date().openapi({ example: '2026-12-01', format: 'date' })

/** Compared case-insensitively: the services store emails lower-cased. */
export const EmailSchema = z.email().max(320).openapi({ example: 'ada@example.com' })

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    companyId: z.uuid(),
    siteAdmin: z.boolean(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('User')

export const RoleSchema = z.enum(['manager', 'contributor', 'viewer']).openapi('Role')
