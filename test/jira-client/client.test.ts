// The shared Jira client against the Jira sandbox: every endpoint, paging, failures, retries.
import { JiraClient, type JiraClientOptions } from '../../shared/jira/client.js'
import { isJiraError, JiraError } from '../../shared/jira/errors.js'
import { createBasicAuthRequester } from '../../shared/jira/requester.js'
import { epicTypeIds, storyPointsFieldIds } from '../../shared/jira/site-facts.js'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'

let sandbox: JiraSandbox

beforeAll(async () => {
  sandbox = await startJiraSandbox({
    seed: 7,
    dataset: { projects: 3, epicsPerProject: 5, childrenPerEpic: [0, 30], subtasksPerChild: 1, extraProjects: 140 },
  })
})
afterAll(() => sandbox.close())
beforeEach(() => {
  sandbox.faults.clear()
  sandbox.faults.setLatency(0)
  sandbox.clearRequests()
})

function clientFor(options: Partial<JiraClientOptions> & { email?: string; token?: string; baseUrl?: string } = {}) {
  const { email, token, baseUrl, ...rest } = options
  return new JiraClient({
    requester: createBasicAuthRequester({
      baseUrl: baseUrl ?? sandbox.url,
      email: email ?? sandbox.accounts.admin.email,
      apiToken: token ?? sandbox.accounts.admin.token,
    }),
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...rest,
  })
}

async function failure(promise: Promise<unknown>): Promise<JiraError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof JiraError) return error
    throw error
  }
  throw new Error('expected a JiraError')
}

describe('reading', () => {
  test('myself names the account behind the token', async () => {
    const me = await clientFor().myself()
    expect(me.accountId).toBe(sandbox.accounts.admin.accountId)
    expect(me.emailAddress).toBe(sandbox.accounts.admin.email)
  })

  test('project search pages to the end with startAt and isLast', async () => {
    const client = clientFor()
    const seen: string[] = []
    for (let startAt = 0; ; ) {
      const page = await client.searchProjects({ startAt, maxResults: 100 })
      expect(page.values.length).toBeLessThanOrEqual(100)
      seen.push(...page.values.map((p) => p.key))
      if (page.isLast) break
      startAt += page.values.length
    }
    expect(seen).toHaveLength(sandbox.store.projects().length)
    expect(new Set(seen).size).toBe(seen.length)
  })

  test('project search filters on Jira’s side by key or name', async () => {
    const project = sandbox.store.projects()[1]!
    const page = await clientFor().searchProjects({ query: project.name.slice(0, 6).toLowerCase() })
    expect(page.values.map((p) => p.key)).toContain(project.key)
    expect(page.values.length).toBeLessThan(sandbox.store.projects().length)
  })

  test('projects by id: more than 50 ids are asked in groups, unknown ids left out', async () => {
    const ids = sandbox.store.projects().slice(0, 120).map((p) => p.id)
    const found = await clientFor().projectsByIds([...ids, '99999999'])
    expect(found.map((p) => p.id).sort()).toEqual([...ids].sort())
    const calls = sandbox.requests.filter((r) => r.path === '/rest/api/3/project/search')
    expect(calls.length).toBe(3)
    for (const call of calls) expect((call.query.id ?? []).length).toBeLessThanOrEqual(50)
  })

  test('the story-points fields and epic types are found on the site', async () => {
    const client = clientFor()
    const points = storyPointsFieldIds(await client.fields())
    expect(points.sort()).toEqual(sandbox.store.storyPointsFieldIds().sort())
    const epicTypes = epicTypeIds(await client.issueTypes())
    const epicTypeOfEach = new Set(sandbox.store.epics().map((e) => e.issueTypeId))
    expect(new Set(epicTypes)).toEqual(epicTypeOfEach)
  })

  test('a JQL search pages with nextPageToken to the last page', async () => {
    const epics = sandbox.store.epics().slice(0, 10)
    const expected = epics.flatMap((e) => sandbox.store.children(e.id)).filter((c) => c.hierarchyLevel === 0)
    const pages: number[] = []
    const ids: string[] = []
    for await (const page of clientFor().search({
      jql: `parent in (${epics.map((e) => e.id).join(', ')}) ORDER BY key ASC`,
      fields: ['status', 'parent'],
      maxResults: 25,
    })) {
      pages.push(page.length)
      ids.push(...page.map((i) => i.id))
    }
    expect(ids.sort()).toEqual(expected.map((c) => c.id).sort())
    expect(pages.length).toBe(Math.ceil(expected.length / 25))
    const searches = sandbox.requests.filter((r) => r.path === '/rest/api/3/search/jql')
    expect(searches.every((r) => r.method === 'POST')).toBe(true)
  })

  test('bulk fetch asks 100 at a time, leaves out unknown issues and finds moved ones', async () => {
    const all = sandbox.store.issues().slice(0, 230)
    const project = sandbox.store.projects()[2]!
    const moved = all[5]!
    const oldKey = moved.key
    const newKey = sandbox.store.moveIssue(moved.id, project.key)
    const found = await clientFor().bulkFetch([...all.map((i) => i.id), '98765432', oldKey], ['summary'])
    expect(new Set(found.map((i) => i.id))).toEqual(new Set(all.map((i) => i.id)))
    expect(found.find((i) => i.id === moved.id)?.key).toBe(newKey)
    expect(sandbox.requests.filter((r) => r.path === '/rest/api/3/issue/bulkfetch')).toHaveLength(3)
  })
})

describe('failures a caller can act on', () => {
  test('a wrong token is bad_credentials at once, without retries', async () => {
    const error = await failure(clientFor({ token: 'wrong' }).myself())
    expect(error.kind).toBe('bad_credentials')
    expect(error.status).toBe(401)
    expect(sandbox.requests).toHaveLength(1)
  })

  test('a revoked token fails the same way', async () => {
    const account = sandbox.store.addAccount({ email: 'leaver@sandbox.test' })
    sandbox.store.revokeToken(account.email)
    expect((await failure(clientFor({ email: account.email, token: account.token }).myself())).kind).toBe('bad_credentials')
  })

  test('a project key Jira does not know is a bad_request with Jira’s message', async () => {
    const error = await failure(clientFor().searchPage({ jql: 'project = "NOPE"', fields: ['id'] }))
    expect(error.kind).toBe('bad_request')
    expect(error.jiraMessages.join(' ')).toMatch(/does not exist for the field 'project'/)
  })

  test('429 waits at least as long as Retry-After asks, then succeeds', async () => {
    sandbox.faults.add({ match: { path: '/rest/api/3/myself' }, kind: 'status', status: 429, retryAfter: 1, times: 1 })
    const started = Date.now()
    await clientFor().myself()
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(sandbox.requests.map((r) => r.status)).toEqual([429, 200])
  })

  test('a 429 holds back the client’s other requests until Retry-After has passed, not only the one that got it', async () => {
    sandbox.faults.add({ match: { path: '/rest/api/3/myself' }, kind: 'status', status: 429, retryAfter: 1, times: 1 })
    const client = clientFor()
    const first = client.myself()
    // Sent once the 429 is in: without the shared pause it would reach Jira at once.
    await vi.waitFor(() => expect(sandbox.requests.map((r) => r.status)).toContain(429))
    await client.searchProjects({ maxResults: 1 })
    await first
    const limited = sandbox.requests.find((r) => r.status === 429)!
    const answeredAt = limited.at.getTime() + limited.durationMs
    const search = sandbox.requests.find((r) => r.path === '/rest/api/3/project/search')!
    expect(search.at.getTime() - answeredAt).toBeGreaterThanOrEqual(950)
    expect(sandbox.requests.filter((r) => r.status === 429)).toHaveLength(1)
  })

  test('a Retry-After longer than the client waits fails its other requests at once, without a call', async () => {
    sandbox.faults.add({ match: { path: '/rest/api/3/myself' }, kind: 'status', status: 429, retryAfter: 120, times: 1 })
    const client = clientFor()
    expect((await failure(client.myself())).kind).toBe('rate_limited')
    const error = await failure(client.searchProjects({ maxResults: 1 }))
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBeGreaterThan(100_000)
    expect(sandbox.requests).toHaveLength(1)
  })

  test('a 429 storm ends as rate_limited carrying the wait Jira asked for', async () => {
    sandbox.faults.add({ kind: 'status', status: 429, retryAfter: 120 })
    const error = await failure(clientFor().myself())
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBe(120_000)
    // Two minutes is longer than the client waits: it gives up at once rather than block.
    expect(sandbox.requests).toHaveLength(1)
  })

  test('503s are retried with backoff; after the last retry the caller gets unavailable', async () => {
    sandbox.faults.add({ kind: 'status', status: 503, times: 2 })
    await expect(clientFor().myself()).resolves.toBeTruthy()
    expect(sandbox.requests.map((r) => r.status)).toEqual([503, 503, 200])
    sandbox.clearRequests()
    sandbox.faults.add({ kind: 'status', status: 500 })
    const error = await failure(clientFor().myself())
    expect(error.kind).toBe('unavailable')
    expect(sandbox.requests).toHaveLength(5)
  })

  test('a hanging request times out and is retried', async () => {
    sandbox.faults.add({ kind: 'hang', times: 1 })
    const me = await clientFor({ timeoutMs: 300 }).myself()
    expect(me.accountId).toBe(sandbox.accounts.admin.accountId)
    sandbox.faults.add({ kind: 'hang' })
    const error = await failure(clientFor({ timeoutMs: 200, retry: { maxRetries: 1, baseDelayMs: 10 } }).myself())
    expect(error.kind).toBe('timeout')
  })

  test('a connection reset is retried', async () => {
    sandbox.faults.add({ kind: 'reset', times: 1 })
    await expect(clientFor().myself()).resolves.toBeTruthy()
    sandbox.faults.add({ kind: 'reset' })
    expect((await failure(clientFor({ retry: { maxRetries: 1, baseDelayMs: 10 } }).myself())).kind).toBe('unavailable')
  })

  test('a malformed answer is invalid_response, not a crash or a guess', async () => {
    sandbox.faults.add({ kind: 'malformed' })
    expect((await failure(clientFor().fields())).kind).toBe('invalid_response')
  })

  test('a token revoked mid-way turns the next call into bad_credentials', async () => {
    sandbox.faults.add({ kind: 'unauthorized', after: 2 })
    const client = clientFor()
    await client.myself()
    await client.fields()
    expect((await failure(client.issueTypes())).kind).toBe('bad_credentials')
  })

  test('an unreachable site is unreachable, not a crash', async () => {
    const error = await failure(clientFor({ baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 0 } }).myself())
    expect(isJiraError(error, 'unreachable')).toBe(true)
  })
})

test('scoped tokens are refused on the site and work through the gateway', async () => {
  const scoped = sandbox.store.addAccount({ email: 'scoped-client@sandbox.test', scopedToken: true })
  const onSite = clientFor({ email: scoped.email, token: scoped.token })
  expect((await failure(onSite.myself())).kind).toBe('bad_credentials')
  const { cloudId } = await onSite.tenantInfo()
  expect(cloudId).toBe(sandbox.cloudId)
  const viaGateway = clientFor({ email: scoped.email, token: scoped.token, baseUrl: `${sandbox.url}/ex/jira/${cloudId}` })
  expect((await viaGateway.myself()).emailAddress).toBe(scoped.email)
})

test('requests in flight never exceed the bound', async () => {
  sandbox.faults.setLatency(40)
  const client = clientFor({ maxConcurrency: 3 })
  await Promise.all(Array.from({ length: 12 }, () => client.myself()))
  const spans = sandbox.requests.map((r) => [r.at.getTime(), r.at.getTime() + r.durationMs] as const)
  const most = Math.max(...spans.map(([start]) => spans.filter(([s, e]) => s <= start && start < e).length))
  expect(most).toBeLessThanOrEqual(3)
  expect(sandbox.requests).toHaveLength(12)
})
