/**
 * @module
 * Builds the few JQL queries we send, with every value quoted so that no key, id or search
 * text can change the query's meaning.
 */

/** A JQL string literal: double quotes, with `\` and `"` escaped. */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** `(v1, v2, ...)` with each value quoted. */
export function jqlList(values: readonly string[]): string {
  if (values.length === 0) throw new RangeError('a JQL list needs at least one value')
  return `(${values.map(jqlString).join(', ')})`
}

/**
 * `(10001, 10002)`: numeric ids unquoted, because a quoted number may be read as a name or
 * key. Anything that is not a plain number is refused rather than sent.
 */
export function jqlIdList(ids: readonly string[]): string {
  if (ids.length === 0) throw new RangeError('a JQL list needs at least one value')
  for (const id of ids) if (!/^\d{1,18}$/.test(id)) throw new RangeError(`not a Jira id: ${JSON.stringify(id)}`)
  return `(${ids.join(', ')})`
}

/**
 * A prefix text search for what a person typed: words only (Lucene's operators stripped, as
 * they would need double escaping), each matched as a prefix. Null when nothing is left.
 */
export function textSearchTerm(typed: string): string | null {
  const words = typed
    .normalize('NFKC')
    .replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 8)
  if (words.length === 0) return null
  return words.map((word) => `${word}*`).join(' ')
}

/** An issue key as people type it, e.g. `abc-12` → `ABC-12`; null when it is not key-shaped. */
export function issueKeyFrom(typed: string): string | null {
  const trimmed = typed.trim().toUpperCase()
  return /^[A-Z][A-Z0-9_]{0,254}-[1-9]\d{0,9}$/.test(trimmed) ? trimmed : null
}

/** Relative minutes for `updated >= -Nm`: Jira evaluates it on its own clock and time zone. */
export function minutesAgo(minutes: number): string {
  return `-${Math.max(1, Math.ceil(minutes))}m`
}

export function epicSearchJql(projectKeys: readonly string[], epicTypeIds: readonly string[], text: string | null): string {
  const clauses = [`project in ${jqlList(projectKeys)}`, `issuetype in ${jqlIdList(epicTypeIds)}`]
  if (text) clauses.push(`summary ~ ${jqlString(text)}`)
  return `${clauses.join(' AND ')} ORDER BY key ASC`
}

export function childrenJql(epicIds: readonly string[]): string {
  return `parent in ${jqlIdList(epicIds)} ORDER BY key ASC`
}

export function changesJql(projectKeys: readonly string[], sinceMinutes: number): string {
  return `project in ${jqlList(projectKeys)} AND updated >= ${minutesAgo(sinceMinutes)} ORDER BY key ASC`
}
