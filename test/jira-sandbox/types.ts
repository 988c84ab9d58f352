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
  /** How admin webhooks are delivered (default: the global `fetch`). */
  webhookFetch?: typeof fetch
  /** Real ms before each retry of a failed webhook delivery (default [50, 200, 800]). */
  webhookRetryDelaysMs?: number[]
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

export type WebhookEventName = 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted'

/** An admin webhook as registered on System > WebHooks. */
export interface NewWebhook {
  url: string
  /** Signs each delivery: `X-Hub-Signature: sha256=<hex HMAC of the body>`. Unsigned when absent. */
  secret?: string | null
  events: WebhookEventName[]
  /** Only issues matching it are delivered; empty means every issue (Jira's rule). */
  jql?: string
  name?: string
  enabled?: boolean
}

export interface SandboxWebhook extends Required<Omit<NewWebhook, 'secret'>> {
  id: string
  secret: string | null
}

/** Makes the next matching deliveries misbehave, as networks and Jira do. */
export type WebhookFaultRule = {
  match?: { event?: WebhookEventName; issue?: string }
  /** Apply to this many deliveries (default 1). */
  times?: number
} & (
  | { kind: 'drop' }
  | { kind: 'duplicate' }
  | { kind: 'delay'; ms: number }
  /** Every attempt fails as a network error would; Jira retries, then gives up. */
  | { kind: 'fail' }
)

export interface WebhookAttempt {
  /** Wall-clock time of the attempt. */
  at: Date
  /** The receiver's status, or 0 when the request failed. */
  status: number
  error?: string
}

export interface WebhookDeliveryLogEntry {
  /** `X-Atlassian-Webhook-Identifier`: the same for retries and duplicates of one delivery. */
  identifier: string
  webhookId: string
  url: string
  webhookEvent: WebhookEventName
  issueId: string
  issueKey: string
  /** When the event happened, on the sandbox clock. */
  eventAt: Date
  /** The JSON as sent (signed byte for byte). */
  body: string
  /** A second copy of another delivery (fault `duplicate`). */
  copy: boolean
  attempts: WebhookAttempt[]
  outcome: 'pending' | 'delivered' | 'failed' | 'dropped'
}

export interface WebhookControl {
  register(input: NewWebhook): SandboxWebhook
  list(): SandboxWebhook[]
  remove(id: string): void
  readonly deliveries: WebhookDeliveryLogEntry[]
  clearDeliveries(): void
  addFault(rule: WebhookFaultRule): string
  clearFaults(): void
  /** Resolves when every delivery started so far has been delivered, dropped or given up. */
  idle(): Promise<void>
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
  /** Admin webhooks: registrations, delivery faults and the delivery log. */
  webhooks: WebhookControl
  close(): Promise<void>
}
