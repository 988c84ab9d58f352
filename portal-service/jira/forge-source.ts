/**
 * @module
 * Forge mode (DESIGN.md, "Two ways to reach Jira"): a `JiraSource` that asks the Forge app's
 * web trigger, which answers each question with the same shared reader the API-token source
 * uses, inside the allow-list a Jira admin chose. Questions larger than one invocation may
 * answer (the contract's limits) are split here, so callers use it exactly like the other source.
 */
import {
  MAX_ISSUES_PER_CALL,
  MAX_PROJECTS_PER_CALL,
  issueIdOrKeySchema,
  projectKeySchema,
  type OperationData,
  type PingData,
} from '../../shared/contract/operations.js'
import type { Page, ProjectSearchResult } from '../../shared/jira/reader.js'
import type { ChangedIssue, ChildRecord, EpicRecord, JiraAccount, JiraProject } from '../../shared/jira/records.js'
import type { SiteFacts } from '../../shared/jira/site-facts.js'
import type { JiraTransport, SourceOptions } from './api-token-source.js'
import type { JiraSource } from './jira-source.js'
import { WebTriggerClient, webTriggerRetryPolicy, type WebTriggerTarget } from './web-trigger-client.js'

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

/**
 * A children cursor over several web trigger calls: which group of epics, and Jira's page token
 * within it. Opaque to callers, like Jira's own.
 */
function encodeCursor(group: number, token: string | null): string {
  return `${group}:${token ?? ''}`
}

function decodeCursor(cursor: string | null | undefined): { group: number; token: string | null } {
  if (!cursor) return { group: 0, token: null }
  const match = /^(\d{1,6}):(.*)$/s.exec(cursor)
  if (!match) throw new RangeError('Not a cursor of this source')
  return { group: Number(match[1]), token: match[2] || null }
}

export class ForgeSource implements JiraSource {
  readonly #client: WebTriggerClient
  #facts: SiteFacts | undefined

  constructor(target: WebTriggerTarget, transport: JiraTransport, options: SourceOptions = {}) {
    this.#facts = options.facts
    this.#client = new WebTriggerClient(target, {
      fetch: transport.fetch,
      timeoutMs: transport.webTriggerTimeoutMs ?? 60_000,
      retry: webTriggerRetryPolicy(transport.retry, options.retry),
      maxConcurrency: transport.maxConcurrency ?? 6,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    })
  }

  /** The app's identity, its allow-list and the site it is installed on: verification. */
  ping(): Promise<PingData> {
    return this.#client.call('ping', {})
  }

  /** Tells the app where to forward change notices (Forge product events) from now on. */
  subscribeEvents(eventsUrl: string): Promise<OperationData<'subscribeEvents'>> {
    return this.#client.call('subscribeEvents', { eventsUrl })
  }

  account(): Promise<JiraAccount> {
    return this.#client.call('account', {})
  }

  searchProjects(params: { query?: string; startAt?: number; maxResults?: number }): Promise<ProjectSearchResult> {
    return this.#client.call('searchProjects', {
      ...(params.query?.trim() ? { query: params.query.trim() } : {}),
      ...(params.startAt === undefined ? {} : { startAt: params.startAt }),
      ...(params.maxResults === undefined ? {} : { maxResults: Math.min(params.maxResults, 100) }),
    })
  }

  async projects(ids: readonly string[]): Promise<JiraProject[]> {
    const wanted = [...new Set(ids)].filter((id) => /^\d{1,18}$/.test(id))
    const groups = await Promise.all(chunk(wanted, MAX_PROJECTS_PER_CALL).map((group) => this.#client.call('projects', { ids: group })))
    return groups.flat()
  }

  async projectsByKeys(keys: readonly string[]): Promise<JiraProject[]> {
    // A key that is not key-shaped names no project: Jira would find nothing either.
    const wanted = [...new Set(keys)].filter((key) => projectKeySchema.safeParse(key).success)
    const groups = await Promise.all(chunk(wanted, MAX_PROJECTS_PER_CALL).map((group) => this.#client.call('projectsByKeys', { keys: group })))
    return groups.flat()
  }

  async siteFacts(): Promise<SiteFacts> {
    this.#facts ??= await this.#client.call('siteFacts', {})
    return this.#facts
  }

  searchEpics(params: { projectKeys: readonly string[]; query?: string; cursor?: string | null; maxResults?: number }): Promise<Page<EpicRecord>> {
    if (params.projectKeys.length === 0) return Promise.resolve({ items: [], nextCursor: null })
    return this.#client.call('searchEpics', {
      projectKeys: [...params.projectKeys],
      ...(params.query?.trim() ? { query: params.query } : {}),
      cursor: params.cursor ?? null,
      ...(params.maxResults === undefined ? {} : { maxResults: Math.min(params.maxResults, 100) }),
      ...this.#knownFacts(),
    })
  }

  async epics(idsOrKeys: readonly string[]): Promise<EpicRecord[]> {
    // Jira reads keys in any case; what is neither an id nor a key names no issue, so is not sent.
    const wanted = [...new Set(idsOrKeys.map((value) => value.trim().toUpperCase()))].filter((value) => issueIdOrKeySchema.safeParse(value).success)
    const groups = await Promise.all(chunk(wanted, MAX_ISSUES_PER_CALL).map((group) => this.#client.call('epics', { idsOrKeys: group })))
    return groups.flat()
  }

  /** One page of children; more than 100 epics are asked about 100 at a time, one after another. */
  async children(params: { epicIds: readonly string[]; cursor?: string | null }): Promise<Page<ChildRecord>> {
    const groups = chunk(params.epicIds, MAX_ISSUES_PER_CALL)
    if (groups.length === 0) return { items: [], nextCursor: null }
    const { group, token } = decodeCursor(params.cursor)
    const epicIds = groups[group]
    if (!epicIds) throw new RangeError('The cursor does not belong to these epics')
    const page = await this.#client.call('children', { epicIds, cursor: token, ...this.#knownFacts() })
    const next = page.nextCursor ? encodeCursor(group, page.nextCursor) : group + 1 < groups.length ? encodeCursor(group + 1, null) : null
    return { items: page.items, nextCursor: next }
  }

  changes(params: { projectKeys: readonly string[]; sinceMinutes: number; cursor?: string | null }): Promise<Page<ChangedIssue>> {
    if (params.projectKeys.length === 0) return Promise.resolve({ items: [], nextCursor: null })
    return this.#client.call('changes', {
      projectKeys: [...params.projectKeys],
      sinceMinutes: Math.max(1, Math.ceil(params.sinceMinutes)),
      cursor: params.cursor ?? null,
      ...this.#knownFacts(),
    })
  }

  /** Facts already known travel with the question, sparing the app two Jira calls. */
  #knownFacts(): { facts?: SiteFacts } {
    return this.#facts ? { facts: this.#facts } : {}
  }
}

/** The source for a Forge connection: its web trigger URL and the secret unsealed for it. */
export function createForgeSource(target: WebTriggerTarget, transport: JiraTransport, options: SourceOptions = {}): ForgeSource {
  return new ForgeSource(target, transport, options)
}
