// The sandbox's in-process state and the mutation API tests use to play people working in Jira.
import {
  CLASSIC_STORY_POINTS_FIELD,
  FIRST_ISSUE_ID,
  TEAM_STORY_POINTS_FIELD,
} from './model/catalog.js'
import { AccountRegistry } from './model/account-registry.js'
import { IssueIndex } from './model/issue-index.js'
import { ProjectRegistry } from './model/project-registry.js'
import type { IssueDraft, IssueRecord, ProjectRecord } from './model/records.js'
import { checkParent } from './model/hierarchy-rules.js'
import { IssueEvents, type IssueEventKind } from './model/issue-events.js'
import { KeyHistory } from './model/key-history.js'
import { SearchView } from './model/search-view.js'
import { issueView, projectView } from './model/views.js'
import { WebhookRegistry } from './webhooks/webhook-registry.js'
import type {
  IssueChanges,
  IssueKind,
  NewAccount,
  NewIssue,
  NewWebhook,
  ProjectStyle,
  SandboxAccount,
  SandboxIssue,
  SandboxProject,
  SandboxWebhook,
} from './types.js'

export interface StoreOptions {
  clock: () => Date
  searchIndexLagMs: number
  storyPoints: boolean
}

export class SandboxStore {
  /** Internal: read by the HTTP layer and the JQL engine. */
  readonly accountRegistry = new AccountRegistry()
  readonly projectRegistry = new ProjectRegistry()
  readonly live = new IssueIndex()
  /** Internal: what tests change through this API, announced for admin webhooks. */
  readonly issueEvents = new IssueEvents()
  readonly webhookRegistry = new WebhookRegistry()
  private readonly search: SearchView
  private readonly oldKeys = new KeyHistory()
  private nextIssueId = FIRST_ISSUE_ID
  private firstAccountId: string | undefined

  constructor(private readonly options: StoreOptions) {
    this.search = new SearchView(this.live, options.searchIndexLagMs)
  }

  now(): number {
    return this.options.clock().getTime()
  }

  // accounts

  addAccount(input: NewAccount): SandboxAccount {
    return this.accountRegistry.add(input)
  }

  revokeToken(email: string): void {
    this.accountRegistry.require(email).revoked = true
  }

  setVisibleProjects(email: string, projects: 'all' | string[]): void {
    this.accountRegistry.require(email).visibleProjects = projects === 'all' ? 'all' : [...projects]
  }

  account(email: string): SandboxAccount | undefined {
    return this.accountRegistry.get(email)
  }

  // projects

  projects(): SandboxProject[] {
    return [...this.projectRegistry.all()].map(projectView)
  }

  project(idOrKey: string): SandboxProject | undefined {
    const project = this.projectRegistry.resolve(idOrKey)
    return project && projectView(project)
  }

  addProject(input: { key: string; name: string; style?: ProjectStyle }): SandboxProject {
    return projectView(this.projectRegistry.add(input))
  }

  /** Issue keys change with the project key; the old keys keep resolving (bulkfetch, JQL). */
  renameProjectKey(oldKey: string, newKey: string): void {
    const project = this.requireProject(oldKey)
    this.projectRegistry.rename(project, newKey)
    this.accountRegistry.renameProjectKey(oldKey, newKey)
    for (const id of [...this.live.inProject(project.id)]) {
      const record = this.live.get(id)!
      this.oldKeys.remember(record)
      this.commit({ ...record, key: `${newKey}-${record.number}` })
    }
  }

  deleteProject(key: string): void {
    const project = this.requireProject(key)
    for (const id of [...this.live.inProject(project.id)]) this.remove(id)
    this.projectRegistry.delete(project)
  }

  // issues

  issues(): SandboxIssue[] {
    return [...this.live.byId.values()].map((record) => this.view(record))
  }

  issue(idOrKey: string): SandboxIssue | undefined {
    const record = this.resolveIssue(idOrKey)
    return record && this.view(record)
  }

  epics(projectKey?: string): SandboxIssue[] {
    const project = projectKey === undefined ? undefined : this.requireProject(projectKey)
    const ids = project ? this.live.inProject(project.id) : this.live.byId.keys()
    const epics: SandboxIssue[] = []
    for (const id of ids) {
      const record = this.live.get(id)!
      if (this.typeOf(record).hierarchyLevel === 1) epics.push(this.view(record))
    }
    return epics
  }

  children(epicIdOrKey: string): SandboxIssue[] {
    const epic = this.requireIssue(epicIdOrKey)
    return [...this.live.childrenOf(epic.id)].map((id) => this.view(this.live.get(id)!))
  }

  createIssue(input: NewIssue): SandboxIssue {
    const project = this.requireProject(input.projectKey)
    const parent = input.parent === undefined ? null : this.requireIssue(input.parent)
    checkParent(project, input.type, parent, (r) => this.typeOf(r))
    const now = this.now()
    const record = this.insert(
      {
        project,
        kind: input.type,
        summary: input.summary,
        parentId: parent?.id ?? null,
        statusName: input.status ?? 'To Do',
        storyPoints: input.storyPoints ?? null,
        assigneeId: this.assigneeId(input.assigneeEmail),
      },
      now,
      now,
      false,
    )
    this.announce('created', null, record)
    return this.view(record)
  }

  /** Internal: the dataset loader's bulk insert, with its own times and no search lag. */
  importIssue(draft: IssueDraft, created: number, updated: number): IssueRecord {
    return this.insert(draft, created, updated, true)
  }

  updateIssue(idOrKey: string, changes: IssueChanges): SandboxIssue {
    const record = this.requireIssue(idOrKey)
    const project = this.projectRegistry.get(record.projectId)!
    const now = this.now()
    let next: IssueRecord = { ...record, updated: now }
    if (changes.summary !== undefined) next = { ...next, summary: changes.summary }
    if (changes.status !== undefined) {
      const status = this.requireStatus(project, changes.status)
      const before = this.projectRegistry.statuses.get(record.statusId)!
      next = { ...next, statusId: status.id }
      if (before.category !== status.category) next = { ...next, statusCategoryChanged: now }
    }
    if (changes.parent !== undefined) {
      const parent = changes.parent === null ? null : this.requireIssue(changes.parent)
      checkParent(project, this.typeOf(record).kind, parent, (r) => this.typeOf(r))
      if (parent?.id === record.id) throw new Error('An issue cannot be its own parent')
      next = { ...next, parentId: parent?.id ?? null }
    }
    if (changes.storyPoints !== undefined)
      next = { ...next, storyPoints: this.options.storyPoints ? changes.storyPoints : null }
    if (changes.assigneeEmail !== undefined)
      next = { ...next, assigneeId: this.assigneeId(changes.assigneeEmail) }
    this.commit(next)
    this.announce('updated', record, next)
    return this.view(next)
  }

  /** Deleting an epic clears its children's parent; deleting a standard issue deletes its sub-tasks. */
  deleteIssue(idOrKey: string): void {
    const record = this.requireIssue(idOrKey)
    const level = this.typeOf(record).hierarchyLevel
    for (const childId of [...this.live.childrenOf(record.id)]) {
      const child = this.live.get(childId)!
      // Jira does not stamp `updated` on children when their epic goes: only a full read notices.
      if (level === 1) this.commit({ ...child, parentId: null })
      else this.removeAnnounced(child)
    }
    this.removeAnnounced(record)
  }

  /** Moves an issue (and its sub-tasks) to another project; the old key keeps resolving. */
  moveIssue(idOrKey: string, toProjectKey: string): string {
    const record = this.requireIssue(idOrKey)
    const target = this.requireProject(toProjectKey)
    const kind = this.typeOf(record).kind
    if (kind === 'subtask') throw new Error('Move the parent of a sub-task instead')
    if (target.id === record.projectId) return record.key
    const moved = this.moveRecord(record, target, this.now())
    for (const childId of [...this.live.childrenOf(record.id)]) {
      const child = this.live.get(childId)!
      if (this.typeOf(child).kind === 'subtask') this.moveRecord(child, target, this.now())
    }
    return moved.key
  }

  // admin webhooks (System > WebHooks); the sandbox delivers them (webhooks/webhook-dispatcher.ts)

  registerWebhook(input: NewWebhook): SandboxWebhook {
    return this.webhookRegistry.add(input)
  }

  webhooks(): SandboxWebhook[] {
    return this.webhookRegistry.all()
  }

  removeWebhook(id: string): void {
    this.webhookRegistry.remove(id)
  }

  storyPointsFieldIds(): string[] {
    return this.options.storyPoints ? [TEAM_STORY_POINTS_FIELD, CLASSIC_STORY_POINTS_FIELD] : []
  }

  get storyPointsEnabled(): boolean {
    return this.options.storyPoints
  }

  /** Addition: make every change visible to search now, whatever the lag. */
  flushSearchIndex(): void {
    this.search.flush()
  }

  /** Internal: the index as JQL search sees it (lagging when `searchIndexLagMs` > 0). */
  searchIndex(): IssueIndex {
    return this.search.index()
  }

  /** Internal: by id, key (any case) or a key the issue had before a move or rename. */
  resolveIssue(idOrKey: string): IssueRecord | undefined {
    const text = idOrKey.trim()
    if (/^\d+$/.test(text)) return this.live.get(Number(text))
    const id = this.live.idForKey(text) ?? this.oldKeys.resolve(text)
    return id === undefined ? undefined : this.live.get(id)
  }

  typeOf(record: IssueRecord) {
    return this.projectRegistry.types.get(record.typeId)!
  }

  view(record: IssueRecord): SandboxIssue {
    return issueView(record, this.projectRegistry, this.accountRegistry, this.live)
  }

  private insert(
    draft: IssueDraft,
    created: number,
    updated: number,
    immediate: boolean,
  ): IssueRecord {
    const { project } = draft
    const status = this.requireStatus(project, draft.statusName)
    const number = project.nextNumber++
    const record: IssueRecord = {
      id: this.nextIssueId++,
      key: `${project.key}-${number}`,
      projectId: project.id,
      number,
      typeId: this.projectRegistry.typeFor(project, draft.kind).id,
      summary: draft.summary,
      statusId: status.id,
      parentId: draft.parentId,
      storyPoints: this.options.storyPoints ? draft.storyPoints : null,
      assigneeId: draft.assigneeId,
      reporterId: this.reporterId(),
      created,
      updated,
      statusCategoryChanged: created,
    }
    this.commit(record, immediate)
    return record
  }

  private moveRecord(record: IssueRecord, target: ProjectRecord, now: number): IssueRecord {
    const number = target.nextNumber++
    const statusName = this.projectRegistry.statuses.get(record.statusId)!.name
    const moved: IssueRecord = {
      ...record,
      key: `${target.key}-${number}`,
      number,
      projectId: target.id,
      typeId: this.projectRegistry.typeFor(target, this.typeOf(record).kind).id,
      statusId: this.requireStatus(target, statusName).id,
      updated: now,
    }
    this.oldKeys.remember(record)
    this.commit(moved)
    this.announce('updated', record, moved)
    return moved
  }

  private assigneeId(email: string | null | undefined): string | null {
    if (email === undefined || email === null) return null
    const account = this.accountRegistry.get(email)
    if (!account) throw new Error(`No account for '${email}'`)
    return account.accountId
  }

  private requireProject(idOrKey: string): ProjectRecord {
    const project = this.projectRegistry.resolve(idOrKey)
    if (!project) throw new Error(`No project '${idOrKey}'`)
    return project
  }

  private requireIssue(idOrKey: string): IssueRecord {
    const record = this.resolveIssue(idOrKey)
    if (!record) throw new Error(`No issue '${idOrKey}'`)
    return record
  }

  private requireStatus(project: ProjectRecord, name: string) {
    const status = this.projectRegistry.statusByName(project, name)
    if (!status) throw new Error(`Project ${project.key} has no status '${name}'`)
    return status
  }

  private commit(record: IssueRecord, immediate = false): void {
    this.live.put(record)
    this.search.changed(record.id, record, immediate)
  }

  /** Deleting an issue through this API is an event Jira tells webhooks about; a project's deletion is not. */
  private removeAnnounced(record: IssueRecord): void {
    this.remove(record.id)
    this.announce('deleted', record, null)
  }

  private announce(
    kind: IssueEventKind,
    before: IssueRecord | null,
    after: IssueRecord | null,
  ): void {
    this.issueEvents.emit({ kind, before, after, at: this.now() })
  }

  private remove(id: number): void {
    this.live.remove(id)
    this.search.changed(id, null)
    this.oldKeys.forget(id)
  }

  /** New issues are reported by the site's first account (the admin). */
  private reporterId(): string {
    this.firstAccountId ??= this.accountRegistry.all()[0]?.accountId
    return this.firstAccountId ?? ''
  }
}
