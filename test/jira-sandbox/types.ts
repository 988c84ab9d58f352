// Public types of the Jira sandbox: start options, dataset sizes, accounts, the request log and faults.
import type { SandboxStore } from './store.js'

export interface SandboxOptions {
  /** PRNG seed; the same seed and dataset spec give identical data (default 1). */
  seed?: number
  dataset?: Partial<DatasetSpec>
  /** Fixed latency added to every Jira request, in ms (default 0). */
  latencyMs?: number
  /** Stamps `created`/`updated` and anchors relative JQL dates (default: the real clock). */
  clock?: () => Date
  /** Real milliseconds before a change becomes visible to JQL search (bulkfetch sees it at once). */
  searchIndexLagMs?: number
  host?: string
  port?: number
}

export interface DatasetSpec {
  projects: number
  /** Every Nth project is team-managed ('next-gen'); 0 means none. */
  teamManagedEvery: number
  epicsPerProject: number
  childrenPerEpic: number | [min: number, max: number] | ((epicIndex: number) => number)
  subtasksPerChild: number
  storyPoints: boolean
  extraProjects?: number
  names?: 'demo' | 'generated'
}

export interface SandboxAccount {
  accountId: string
  email: string
  displayName: string
  token: string
  timeZone: string
  visibleProjects: 'all' | string[]
  revoked: boolean
  scopedToken: boolean
  /** Addition: holds the global ADMINISTER permission (only the admin demo account does). */
  siteAdmin: boolean
}

export interface NewAccount {
  email: string
  token?: string
  displayName?: string
  visibleProjects?: 'all' | string[]
  timeZone?: string
  scopedToken?: boolean
  siteAdmin?: boolean
}

export type ProjectStyle = 'classic' | 'next-gen'

export interface SandboxProject {
  id: string
  key: string
  name: string
  style: ProjectStyle
  simplified: boolean
  /** Keys the project had before `renameProjectKey`; they still resolve. */
  previousKeys: string[]
}

export type IssueKind = 'epic' | 'story' | 'task' | 'bug' | 'subtask'
export type StatusCategoryKey = 'new' | 'indeterminate' | 'done'

/** A snapshot of one issue as the store holds it (not a Jira shape). */
export interface SandboxIssue {
  id: string
  key: string
  projectId: string
  projectKey: string
  type: IssueKind
  issueTypeId: string
  hierarchyLevel: number
  summary: string
  status: string
  statusCategory: StatusCategoryKey
  parentId: string | null
  parentKey: string | null
  storyPoints: number | null
  assigneeEmail: string | null
  created: Date
  updated: Date
}

export interface NewIssue {
  projectKey: string
  type: IssueKind
  summary: string
  parent?: string
  status?: string
  storyPoints?: number | null
  assigneeEmail?: string | null
}

export interface IssueChanges {
  summary?: string
  status?: string
  parent?: string | null
  storyPoints?: number | null
  assigneeEmail?: string | null
}

export interface RequestLogEntry {
  /** Wall-clock arrival (real time, not the injected clock), rounded up to the millisecond. */
  at: Date
  method: string
  /** The path as received, without the query (gateway prefix included). */
  path: string
  query: Record<string, string[]>
  /** Parsed JSON when the body is JSON, else the raw text; absent when empty. */
  body?: unknown
  /** The email the request claimed in its Basic credentials, valid or not. */
  account?: string
  /** 0 while unanswered, or when the connection was reset or hung. */
  status: number
  /** `at + durationMs` is when the answer was written (0 while unanswered). */
  durationMs: number
  viaGateway?: boolean
}

export interface FaultMatch {
  method?: string
  /** Exact path, or a RegExp; matched against the received path and the path without the gateway prefix. */
  path?: string | RegExp
}

export type FaultKind =
  | { kind: 'status'; status: number; retryAfter?: number; body?: string; contentType?: string }
  | { kind: 'latency'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'unauthorized' }

export type FaultRule = {
  match?: FaultMatch
  /** Let the first N matching requests through. */
  after?: number
  /** Apply to at most this many requests (default unlimited). */
  times?: number
} & FaultKind

export interface FaultInjector {
  add(rule: FaultRule): string
  remove(id: string): void
  clear(): void
  setLatency(ms: number): void
}

export interface JiraSandbox {
  url: string
  cloudId: string
  accounts: { admin: SandboxAccount; limited: SandboxAccount }
  store: SandboxStore
  faults: FaultInjector
  readonly requests: RequestLogEntry[]
  clearRequests(): void
  writes(): RequestLogEntry[]
  close(): Promise<void>
}
