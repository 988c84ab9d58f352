// Reads a `fields` request (`*all`, `*navigable`, `-x` exclusions, plain ids) into the set to render.

export interface FieldSelection {
  /** Field ids to put in `fields`. */
  ids: ReadonlySet<string>
  /** Only `id` was asked for: Jira then answers each issue as `{id}` alone. */
  onlyId: boolean
}

/**
 * `requested` is the comma-split list (GET) or array (POST); `fallback` is the endpoint's default:
 * `id` for search/jql, `*navigable` for bulkfetch. Unknown names are ignored, as Jira does.
 */
export function selectFields(
  requested: readonly string[] | undefined,
  fallback: 'id' | '*navigable',
  known: readonly string[],
): FieldSelection {
  const items = (requested ?? [])
    .flatMap((r) => r.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
  const list = items.length > 0 ? items : [fallback]
  const knownSet = new Set(known)
  const ids = new Set<string>()
  const excluded = new Set<string>()
  let included = false
  let onlyId = true
  for (const item of list) {
    if (item.startsWith('-')) {
      excluded.add(item.slice(1))
      continue
    }
    included = true
    if (item === '*all' || item === '*navigable') {
      for (const id of known) ids.add(id)
      onlyId = false
    } else if (item !== 'id') {
      onlyId = false
      if (knownSet.has(item)) ids.add(item)
    }
  }
  // Exclusions alone mean "all navigable fields except these".
  if (!included) {
    for (const id of known) ids.add(id)
    onlyId = false
  }
  for (const id of excluded) ids.delete(id)
  return { ids, onlyId }
}
