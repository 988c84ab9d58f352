/**
 * @module
 * The one read-only Jira Cloud client. It speaks REST API v3 through an injected
 * `Requester`, validates every answer with the schemas, pages to the end, retries
 * transient faults with backoff, honours `Retry-After`, times out each request and bounds
 * its concurrency. It can only send what `readOnlyRequest` allows.
 */
import {
  JiraError,
  jiraMessagesFrom,
  kindForStatus,
  failureSummary,
  networkFailureKind,
  retryAfterMs,
  type JiraFailureKind,
} from './errors.js'
import { Limiter } from './limiter.js'
import { RateLimitPause } from './rate-limit-pause.js'
import { readOnlyRequest, type ReadRequest } from './read-only.js'
import type { Requester } from './requester.js'
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy, type Sleep } from './retry.js'
import {
  bulkFetchSchema,
  fieldListSchema,
  issueTypeListSchema,
  myPermissionsSchema,
  myselfSchema,
  projectPageSchema,
  searchPageSchema,
  serverInfoSchema,
  tenantInfoSchema,
  type JiraField,
  type JiraIssueBean,
  type JiraIssueType,
  type JiraProjectBean,
  type JiraUser,
  type ProjectPage,
} from './schemas.js'
import type { z } from 'zod'

export interface JiraRequestEvent {
  method: string
  path: string
  /** HTTP status, or null when no answer came (timeout, network). */
  status: number | null
  durationMs: number
  failure?: JiraFailureKind
}

export interface JiraClientOptions {
  requester: Requester
  /** Per attempt, including reading the body. Default 30 s. */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  /** Requests in flight at once. Default 6. */
  maxConcurrency?: number
  sleep?: Sleep
  random?: () => number
  /** Cancels every request of this client (e.g. on shutdown). */
  signal?: AbortSignal
  /** Called once per HTTP attempt: the sync counts Jira calls with it. */
  onRequest?: (event: JiraRequestEvent) => void
}

export interface SearchProjectsParams {
  query?: string
  startAt?: number
  /** At most 100 (Jira's limit). Default 50. */
  maxResults?: number
  orderBy?: 'key' | 'name' | '-key' | '-name'
}

export interface SearchParams {
  jql: string
  fields: readonly string[]
  /** Jira may answer with fewer; at most 5000 with `id`/`key` only, about 100 otherwise. */
  maxResults?: number
}

export interface SearchPageResult {
  issues: JiraIssueBean[]
  /** Null on the last page. */
  nextPageToken: string | null
}

/** Jira's limits: ids or keys per `project/search` call, and issues per bulk fetch. */
export const PROJECT_IDS_PER_CALL = 50
export const ISSUES_PER_BULK_FETCH = 100
const MAX_PAGES = 100_000

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

export class JiraClient {
  readonly #requester: Requester
  readonly #timeoutMs: number
  readonly #policy: RetryPolicy
  readonly #limiter: Limiter
  readonly #options: JiraClientOptions
  readonly #pause: RateLimitPause

  constructor(options: JiraClientOptions) {
    this.#options = options
    this.#requester = options.requester
    this.#timeoutMs = options.timeoutMs ?? 30_000
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry }
    this.#limiter = new Limiter(options.maxConcurrency ?? 6)
    this.#pause = new RateLimitPause({ maxWaitMs: this.#policy.maxRetryAfterMs, sleep: options.sleep, signal: options.signal })
  }

  /** The account the credentials belong to. Check this first: searches answer anonymous callers with 200. */
  myself(): Promise<JiraUser> {
    return this.#send({ method: 'GET', path: '/rest/api/3/myself' }, myselfSchema)
  }

  /** The site's cloud id, needed to reach it through the API gateway with a scoped token. */
  tenantInfo(): Promise<{ cloudId: string }> {
    return this.#send({ method: 'GET', path: '/_edge/tenant_info' }, tenantInfoSchema)
  }

  /** The site's own address as Jira states it (the Forge app cannot know it otherwise). */
  serverInfo(): Promise<{ baseUrl: string }> {
    return this.#send({ method: 'GET', path: '/rest/api/3/serverInfo' }, serverInfoSchema)
  }

  /**
   * Whether the caller holds each of `keys` (e.g. `ADMINISTER`), globally. A key Jira does not
   * answer about reads as not held, so a caller can only be let in by an explicit yes.
   * @throws JiraError `bad_request` for a permission key Jira does not know.
   */
  async myPermissions(keys: readonly string[]): Promise<Record<string, boolean>> {
    if (keys.length === 0) throw new RangeError('myPermissions needs at least one permission key')
    const query = new URLSearchParams({ permissions: [...new Set(keys)].join(',') })
    const answer = await this.#send({ method: 'GET', path: `/rest/api/3/mypermissions?${query}` }, myPermissionsSchema)
    return Object.fromEntries(keys.map((key) => [key, answer.permissions[key]?.havePermission === true]))
  }

  /** One page of the projects the account can see, filtered by key or name on Jira's side. */
  searchProjects(params: SearchProjectsParams = {}): Promise<ProjectPage> {
    const query = new URLSearchParams()
    query.set('startAt', String(params.startAt ?? 0))
    query.set('maxResults', String(Math.min(params.maxResults ?? 50, 100)))
    query.set('orderBy', params.orderBy ?? 'key')
    if (params.query) query.set('query', params.query)
    return this.#send({ method: 'GET', path: `/rest/api/3/project/search?${query}` }, projectPageSchema)
  }

  /** The projects among `ids` that still exist and are visible to the account. */
  projectsByIds(ids: readonly string[]): Promise<JiraProjectBean[]> {
    return this.#projectsFiltered('id', ids)
  }

  /** The projects among `keys` that exist and are visible to the account. */
  projectsByKeys(keys: readonly string[]): Promise<JiraProjectBean[]> {
    return this.#projectsFiltered('keys', keys)
  }

  async #projectsFiltered(filter: 'id' | 'keys', values: readonly string[]): Promise<JiraProjectBean[]> {
    const unique = [...new Set(values)]
    const pages = await Promise.all(
      chunk(unique, PROJECT_IDS_PER_CALL).map(async (group) => {
        const found: JiraProjectBean[] = []
        for (let startAt = 0, pages = 0; pages < MAX_PAGES; pages++) {
          const query = new URLSearchParams({ startAt: String(startAt), maxResults: '100' })
          for (const value of group) query.append(filter, value)
          const page = await this.#send(
            { method: 'GET', path: `/rest/api/3/project/search?${query}` },
            projectPageSchema,
          )
          found.push(...page.values)
          if (page.isLast || page.values.length === 0) break
          startAt += page.values.length
        }
        return found
      }),
    )
    return pages.flat()
  }

  fields(): Promise<JiraField[]> {
    return this.#send({ method: 'GET', path: '/rest/api/3/field' }, fieldListSchema)
  }

  issueTypes(): Promise<JiraIssueType[]> {
    return this.#send({ method: 'GET', path: '/rest/api/3/issuetype' }, issueTypeListSchema)
  }

  /** One page of an enhanced JQL search (POST, so long JQL fits). */
  async searchPage(params: SearchParams & { nextPageToken?: string | null }): Promise<SearchPageResult> {
    const body: Record<string, unknown> = {
      jql: params.jql,
      fields: [...params.fields],
      maxResults: params.maxResults ?? 100,
    }
    if (params.nextPageToken) body.nextPageToken = params.nextPageToken
    const page = await this.#send(
      { method: 'POST', path: '/rest/api/3/search/jql', body },
      searchPageSchema,
    )
    const token = page.nextPageToken ?? null
    if (page.isLast === false && !token) {
      throw new JiraError('invalid_response', 'Jira said more results follow but gave no page token', {
        path: '/rest/api/3/search/jql',
      })
    }
    return { issues: page.issues, nextPageToken: page.isLast === true ? null : token }
  }

  /** Every page of a JQL search, one after another; each page is yielded then dropped. */
  async *search(params: SearchParams): AsyncGenerator<JiraIssueBean[], void, undefined> {
    let token: string | null = null
    const seen = new Set<string>()
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page: SearchPageResult = await this.searchPage({ ...params, nextPageToken: token })
      yield page.issues
      if (!page.nextPageToken) return
      if (seen.has(page.nextPageToken)) {
        throw new JiraError('invalid_response', 'Jira returned the same page token twice', {
          path: '/rest/api/3/search/jql',
        })
      }
      seen.add(page.nextPageToken)
      token = page.nextPageToken
    }
    throw new JiraError('invalid_response', 'Jira kept returning pages past any sensible size')
  }

  /**
   * The issues among `issueIdsOrKeys` that exist and are visible, in batches of 100. An old
   * key of a moved issue finds the issue under its new key; missing ones are left out.
   */
  async bulkFetch(issueIdsOrKeys: readonly string[], fields: readonly string[]): Promise<JiraIssueBean[]> {
    const unique = [...new Set(issueIdsOrKeys)]
    const batches = await Promise.all(
      chunk(unique, ISSUES_PER_BULK_FETCH).map((group) =>
        this.#send(
          {
            method: 'POST',
            path: '/rest/api/3/issue/bulkfetch',
            body: { issueIdsOrKeys: group, fields: [...fields] },
          },
          bulkFetchSchema,
        ),
      ),
    )
    return batches.flatMap((batch) => batch.issues)
  }

  async #send<S extends z.ZodType>(request: ReadRequest, schema: S): Promise<z.output<S>> {
    const checked = readOnlyRequest(request)
    // The pause is checked once a slot is had: requests queued before a 429 wait it out too.
    const attempt = () => this.#limiter.run(() => this.#pause.around(() => this.#attempt(checked, schema), checked.path))
    return withRetry(attempt, {
      policy: this.#policy,
      sleep: this.#options.sleep,
      random: this.#options.random,
      signal: this.#options.signal,
    })
  }

  async #attempt<S extends z.ZodType>(request: ReadRequest, schema: S): Promise<z.output<S>> {
    const started = Date.now()
    const path = request.path
    let status: number | null = null
    const report = (failure?: JiraFailureKind) =>
      this.#options.onRequest?.({
        method: request.method,
        path,
        status,
        durationMs: Date.now() - started,
        ...(failure ? { failure } : {}),
      })

    const controller = new AbortController()
    const outer = this.#options.signal
    const onOuterAbort = () => controller.abort(outer?.reason)
    outer?.addEventListener('abort', onOuterAbort, { once: true })
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort()
        reject(new JiraError('timeout', `${failureSummary('timeout')} (${this.#timeoutMs} ms)`, { path }))
      }, this.#timeoutMs)
    })

    try {
      const exchange = (async () => {
        const headers: Record<string, string> = { Accept: 'application/json' }
        let body: string | undefined
        if (request.method === 'POST') {
          headers['Content-Type'] = 'application/json'
          body = JSON.stringify(request.body)
        }
        let response
        try {
          response = await this.#requester(path, {
            method: request.method,
            headers,
            body,
            signal: controller.signal,
          })
        } catch (error) {
          if (outer?.aborted) throw error
          const kind = networkFailureKind(error)
          throw new JiraError(kind, failureSummary(kind), { path, cause: error })
        }
        status = response.status
        let text: string
        try {
          text = await response.text()
        } catch (error) {
          throw new JiraError('unavailable', 'The connection to Jira dropped mid-answer', { path, status, cause: error })
        }
        return { response, text }
      })()
      // If the timeout wins, the exchange may still fail later: that failure is already handled.
      exchange.catch(() => undefined)
      const { response, text } = await Promise.race([exchange, timeout])
      const kind = kindForStatus(response.status)
      if (kind) {
        const messages = jiraMessagesFrom(text)
        const detail = messages.length > 0 ? `: ${messages.join(' ')}` : ''
        throw new JiraError(kind, `${failureSummary(kind)} (HTTP ${response.status})${detail}`, {
          path,
          status: response.status,
          jiraMessages: messages,
          retryAfterMs: kind === 'rate_limited' ? retryAfterMs(response.headers.get('retry-after')) : undefined,
        })
      }
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch (error) {
        throw new JiraError('invalid_response', `${failureSummary('invalid_response')}: not JSON`, {
          path,
          status: response.status,
          cause: error,
        })
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) {
        const where = parsed.error.issues[0]?.path.join('.') || 'body'
        throw new JiraError('invalid_response', `${failureSummary('invalid_response')}: unexpected ${where}`, {
          path,
          status: response.status,
          cause: parsed.error,
        })
      }
      report()
      return parsed.data
    } catch (error) {
      report(error instanceof JiraError ? error.kind : undefined)
      throw error
    } finally {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onOuterAbort)
    }
  }
}
