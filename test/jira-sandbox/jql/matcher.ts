// What a compiled JQL clause is (a record test plus, where an index helps, candidate ids) and what it
// is compiled against (the searching account, the projects it sees, the clock and its time zone).
import type { IssueIndex } from '../model/issue-index.js'
import type { IssueRecord } from '../model/records.js'
import type { SandboxStore } from '../store.js'
import type { SandboxAccount } from '../types.js'

export interface Candidates {
  ids: Iterable<number>
  size: number
}

export interface Matcher {
  test(record: IssueRecord): boolean
  /** Ids that can match, from an index; absent when only a scan can tell. */
  candidates?(index: IssueIndex): Candidates
}

export interface JqlContext {
  store: SandboxStore
  /** null for anonymous callers. */
  account: SandboxAccount | null
  visible: VisibleProjects
  now: number
  timeZone: string
}

export interface VisibleProjects {
  all: boolean
  ids: ReadonlySet<number>
  has(projectId: number): boolean
}

export function visibleProjects(
  store: SandboxStore,
  account: SandboxAccount | null,
): VisibleProjects {
  if (account?.visibleProjects === 'all') {
    return { all: true, ids: new Set(), has: (id) => store.projectRegistry.get(id) !== undefined }
  }
  const ids = new Set<number>()
  for (const key of account?.visibleProjects ?? []) {
    const project = store.projectRegistry.resolve(key)
    if (project) ids.add(project.id)
  }
  return { all: false, ids, has: (id) => ids.has(id) }
}

export const NEVER: Matcher = { test: () => false, candidates: () => ({ ids: [], size: 0 }) }
