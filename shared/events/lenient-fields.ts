/**
 * @module
 * The few issue fields a change notice needs, read leniently from what Jira sends (admin webhooks
 * and Forge product events alike): ids as strings or numbers, keys, `fields.parent` and
 * `fields.project` references, and the changelog's parent move. A field that is odd reads as
 * absent rather than failing the whole event: an authentic event is worth a re-read even when
 * part of it is strange.
 */
import { z } from 'zod'
import { jiraIdSchema } from './change-notice.js'

/** Ids arrive as strings; a number is tolerated and read as its decimal form. */
export const lenientIdSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(jiraIdSchema)
export const optionalId = lenientIdSchema.optional().catch(undefined)
export const optionalKey = z.string().trim().min(1).max(255).optional().catch(undefined)
/** `{id, key}` of a parent or a project; anything else reads as absent. */
export const reference = z.object({ id: optionalId, key: optionalKey }).nullish().catch(undefined)

// Jira names the parent field in changelogs differently by project style and age.
const PARENT_FIELDS = new Set(['parent', 'IssueParentAssociation', 'Parent', 'Parent Link', 'Epic Link'])

const changelogItemSchema = z.object({
  field: z.string().optional().catch(undefined),
  fieldId: z.string().optional().catch(undefined),
  from: z.union([z.string(), z.number()]).nullish().catch(undefined),
  to: z.union([z.string(), z.number()]).nullish().catch(undefined),
})

/** A changelog (`{items: [...]}`), bounded; anything else reads as none. */
export const changelogSchema = z
  .object({ items: z.array(z.unknown()).max(1000).optional().catch(undefined) })
  .nullish()
  .catch(undefined)

export interface ParentMove {
  /** The changelog has an item for the parent field. */
  seen: boolean
  /** The parent before the change, when it had one. */
  from: string | null
  /** The parent after the change; null when it was removed (or not an id). */
  to: string | null
}

function idOrNull(value: string | number | null | undefined): string | null {
  const id = jiraIdSchema.safeParse(value === null || value === undefined ? '' : String(value))
  return id.success ? id.data : null
}

/** The parent move a changelog records, if any: the first usable `from` and `to` of its parent items. */
export function parentMove(items: readonly unknown[] | undefined): ParentMove {
  const move: ParentMove = { seen: false, from: null, to: null }
  for (const raw of items ?? []) {
    const item = changelogItemSchema.safeParse(raw)
    if (!item.success) continue
    const { field, fieldId, from, to } = item.data
    if (!PARENT_FIELDS.has(fieldId ?? '') && !PARENT_FIELDS.has(field ?? '')) continue
    move.seen = true
    move.from ??= idOrNull(from)
    move.to ??= idOrNull(to)
  }
  return move
}
