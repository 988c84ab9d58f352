// Projects with their issue types and statuses: company-managed projects share the global ones,
// team-managed projects get their own, scoped to the project, as on real sites.
import type { IssueKind, ProjectStyle } from '../types.js'
import {
  FIRST_PROJECT_ID,
  FIRST_SCOPED_STATUS_ID,
  FIRST_SCOPED_TYPE_ID,
  ISSUE_TYPE_TEMPLATES,
  STATUS_TEMPLATES,
} from './catalog.js'
import { stableUuid } from './random.js'
import type { IssueTypeRecord, ProjectRecord, StatusRecord } from './records.js'

const KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}$/

export class ProjectRegistry {
  private readonly byId = new Map<number, ProjectRecord>()
  private readonly byKey = new Map<string, number>()
  private readonly byOldKey = new Map<string, number>()
  private readonly byAvatar = new Map<number, number>()
  readonly types = new Map<string, IssueTypeRecord>()
  readonly statuses = new Map<string, StatusRecord>()
  private nextProjectId = FIRST_PROJECT_ID
  private nextTypeId = FIRST_SCOPED_TYPE_ID
  private nextStatusId = FIRST_SCOPED_STATUS_ID
  readonly globalTypeIds: string[] = []
  /** Bumped when projects are added, renamed or deleted (search caches depend on keys and names). */
  version = 0
  private readonly globalStatusIds: string[] = []

  constructor() {
    for (const t of ISSUE_TYPE_TEMPLATES) {
      this.types.set(t.globalId, {
        id: t.globalId,
        kind: t.kind,
        name: t.name,
        hierarchyLevel: t.hierarchyLevel,
        description: t.description,
        avatarId: t.avatarId,
        scopeProjectId: null,
        entityId: null,
      })
      this.globalTypeIds.push(t.globalId)
    }
    for (const s of STATUS_TEMPLATES) {
      this.statuses.set(s.globalId, {
        id: s.globalId,
        name: s.name,
        description: s.description,
        category: s.category,
        scopeProjectId: null,
      })
      this.globalStatusIds.push(s.globalId)
    }
  }

  add(input: { key: string; name: string; style?: ProjectStyle }): ProjectRecord {
    const key = input.key
    if (!KEY_PATTERN.test(key)) throw new Error(`Invalid project key '${key}'`)
    if (this.byKey.has(key) || this.byOldKey.has(key))
      throw new Error(`Project key '${key}' is in use`)
    const id = this.nextProjectId++
    const style = input.style ?? 'classic'
    const project: ProjectRecord = {
      id,
      key,
      name: input.name,
      style,
      avatarId: 10400 + id,
      uuid: style === 'next-gen' ? stableUuid(`project:${id}`) : null,
      previousKeys: [],
      issueTypeIds: style === 'classic' ? [...this.globalTypeIds] : this.scopedTypes(id),
      statusIds: style === 'classic' ? [...this.globalStatusIds] : this.scopedStatuses(id),
      nextNumber: 1,
    }
    this.byId.set(id, project)
    this.byKey.set(key, id)
    this.byAvatar.set(project.avatarId, id)
    this.version++
    return project
  }

  get(id: number): ProjectRecord | undefined {
    return this.byId.get(id)
  }

  /** By id, current key or former key; keys are matched exactly unless `anyCase`. */
  resolve(idOrKey: string, anyCase = false): ProjectRecord | undefined {
    if (/^\d+$/.test(idOrKey)) return this.byId.get(Number(idOrKey))
    const key = anyCase ? idOrKey.toUpperCase() : idOrKey
    const id = this.byKey.get(key) ?? this.byOldKey.get(key)
    return id === undefined ? undefined : this.byId.get(id)
  }

  byAvatarId(avatarId: number): ProjectRecord | undefined {
    const id = this.byAvatar.get(avatarId)
    return id === undefined ? undefined : this.byId.get(id)
  }

  all(): IterableIterator<ProjectRecord> {
    return this.byId.values()
  }

  get size(): number {
    return this.byId.size
  }

  rename(project: ProjectRecord, newKey: string): void {
    if (!KEY_PATTERN.test(newKey)) throw new Error(`Invalid project key '${newKey}'`)
    if (this.byKey.has(newKey)) throw new Error(`Project key '${newKey}' is in use`)
    this.byKey.delete(project.key)
    this.byOldKey.set(project.key, project.id)
    project.previousKeys.push(project.key)
    project.key = newKey
    this.byOldKey.delete(newKey)
    this.byKey.set(newKey, project.id)
    this.version++
  }

  delete(project: ProjectRecord): void {
    this.byId.delete(project.id)
    this.byKey.delete(project.key)
    for (const old of project.previousKeys) this.byOldKey.delete(old)
    this.byAvatar.delete(project.avatarId)
    this.version++
    if (project.style === 'next-gen') {
      for (const id of project.issueTypeIds) this.types.delete(id)
      for (const id of project.statusIds) this.statuses.delete(id)
    }
  }

  typeFor(project: ProjectRecord, kind: IssueKind): IssueTypeRecord {
    for (const id of project.issueTypeIds) {
      const type = this.types.get(id)
      if (type?.kind === kind) return type
    }
    throw new Error(`Project ${project.key} has no ${kind} type`)
  }

  statusByName(project: ProjectRecord, name: string): StatusRecord | undefined {
    const wanted = name.toLowerCase()
    for (const id of project.statusIds) {
      const status = this.statuses.get(id)
      if (status?.name.toLowerCase() === wanted) return status
    }
    return undefined
  }

  private scopedTypes(projectId: number): string[] {
    return ISSUE_TYPE_TEMPLATES.map((t) => {
      const id = String(this.nextTypeId++)
      this.types.set(id, {
        id,
        kind: t.kind,
        name: t.name,
        hierarchyLevel: t.hierarchyLevel,
        description: t.description,
        avatarId: t.avatarId,
        scopeProjectId: projectId,
        entityId: stableUuid(`issuetype:${id}`),
      })
      return id
    })
  }

  private scopedStatuses(projectId: number): string[] {
    return STATUS_TEMPLATES.map((s) => {
      const id = String(this.nextStatusId++)
      this.statuses.set(id, {
        id,
        name: s.name,
        description: s.description,
        category: s.category,
        scopeProjectId: projectId,
      })
      return id
    })
  }
}
