// Issues indexed by id, key, project and parent, so JQL restrictions never need a full scan.
import type { IssueRecord } from './records.js'

export class IssueIndex {
  readonly byId = new Map<number, IssueRecord>()
  private readonly byKey = new Map<string, number>()
  private readonly byProject = new Map<number, Set<number>>()
  private readonly byParent = new Map<number, Set<number>>()
  /** Bumped on every change, so cached search results know when they are stale. */
  version = 0

  get size(): number {
    return this.byId.size
  }

  get(id: number): IssueRecord | undefined {
    return this.byId.get(id)
  }

  idForKey(key: string): number | undefined {
    return this.byKey.get(key.toUpperCase())
  }

  inProject(projectId: number): ReadonlySet<number> {
    return this.byProject.get(projectId) ?? EMPTY
  }

  childrenOf(parentId: number): ReadonlySet<number> {
    return this.byParent.get(parentId) ?? EMPTY
  }

  put(record: IssueRecord): void {
    this.remove(record.id)
    this.byId.set(record.id, record)
    this.byKey.set(record.key.toUpperCase(), record.id)
    addTo(this.byProject, record.projectId, record.id)
    if (record.parentId !== null) addTo(this.byParent, record.parentId, record.id)
    this.version++
  }

  remove(id: number): void {
    const old = this.byId.get(id)
    if (!old) return
    this.byId.delete(id)
    if (this.byKey.get(old.key.toUpperCase()) === id) this.byKey.delete(old.key.toUpperCase())
    removeFrom(this.byProject, old.projectId, id)
    if (old.parentId !== null) removeFrom(this.byParent, old.parentId, id)
    this.version++
  }

  clone(): IssueIndex {
    const copy = new IssueIndex()
    for (const record of this.byId.values()) copy.put(record)
    return copy
  }
}

const EMPTY: ReadonlySet<number> = new Set()

function addTo(map: Map<number, Set<number>>, key: number, id: number): void {
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  set.add(id)
}

function removeFrom(map: Map<number, Set<number>>, key: number, id: number): void {
  const set = map.get(key)
  if (!set) return
  set.delete(id)
  if (set.size === 0) map.delete(key)
}
