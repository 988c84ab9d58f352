// Jira failing during a sync: nothing linked is lost, figures are kept and marked stale, health says why.
import { createIntegration } from '../../portal-service/jira/integration.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { figuresOf, truthOf } from '../support/jira-truth.js'
import { DIALECTS } from '../support/test-database.js'

const MINUTE = 60_000

describe.each(DIALECTS)('sync faults on %s', (dialect) => {
  let f: JiraFixture
  let initiativeId: string
  const sync = (mode: 'auto' | 'full' = 'full') => f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual', mode })
  const epics = async () => (await f.people.viewer.get(f.api(`/initiatives/${initiativeId}`))).body.epics as any[]
  const health = async () => (await f.people.viewer.get(f.api('/jira'))).body.health
  let good: unknown[]

  beforeAll(async () => {
    f = await createJiraFixture(dialect, {
      // Short timeouts so a hang costs a test a moment, not half a minute.
      app: {
        deps: (core) =>
          createIntegration({ ...core, transport: { timeoutMs: 400, retry: { baseDelayMs: 10, maxDelayMs: 50, maxRetries: 2 } } }),
      },
    })
    const keys = f.sandbox.store.projects().slice(0, 2).map((p) => p.key)
    await f.connect(keys)
    initiativeId = await f.createInitiative('Under fire')
    for (const key of keys) for (const epic of f.sandbox.store.epics(key).slice(0, 3)) await f.linkEpic(initiativeId, epic.key)
    expect(await sync()).toMatchObject({ outcome: 'ok' })
    good = (await epics()).map(figuresOf)
  })
  afterEach(() => f.sandbox.faults.clear())
  afterAll(() => f.destroy())

  async function expectKeptAndStale(expectedHealth: string) {
    const now = await epics()
    expect(now).toHaveLength(6)
    expect(now.map(figuresOf)).toEqual(good)
    expect(now.every((e) => e.stale)).toBe(true)
    expect((await f.people.viewer.get(f.api(`/initiatives/${initiativeId}`))).body.progress.stale).toBe(true)
    expect((await health()).status).toBe(expectedHealth)
  }

  async function expectRecovered() {
    f.sandbox.faults.clear()
    f.t.clock.advance(MINUTE)
    expect(await sync()).toMatchObject({ outcome: 'ok' })
    const now = await epics()
    expect(now.every((e) => !e.stale)).toBe(true)
    for (const epic of now) expect(figuresOf(epic)).toEqual(truthOf(f.sandbox, epic.id))
    expect((await health()).status).toBe('ok')
    good = now.map(figuresOf)
  }

  test('a storm of 500/503 answers', async () => {
    f.sandbox.faults.add({ match: { path: '/rest/api/3/search/jql' }, kind: 'status', status: 503 })
    const result = await sync()
    expect(result).toMatchObject({ status: 'done', error: { kind: 'unavailable' } })
    await expectKeptAndStale('unavailable')
    const run = (await f.people.viewer.get(f.api('/jira/sync'))).body.runs[0]
    expect(run.outcome).not.toBe('ok')
    expect(run.error.kind).toBe('unavailable')
    await expectRecovered()
  })

  test('a 429 storm with Retry-After', async () => {
    f.sandbox.faults.add({ kind: 'status', status: 429, retryAfter: 600 })
    expect(await sync()).toMatchObject({ error: { kind: 'rate_limited' } })
    await expectKeptAndStale('rate_limited')
    await expectRecovered()
  })

  test('a short 429 is waited out and the sync succeeds', async () => {
    f.sandbox.faults.add({ match: { path: '/rest/api/3/issue/bulkfetch' }, kind: 'status', status: 429, retryAfter: 1, times: 1 })
    const started = Date.now()
    expect(await sync()).toMatchObject({ outcome: 'ok' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })

  test('timeouts (Jira hangs)', async () => {
    f.sandbox.faults.add({ match: { path: '/rest/api/3/search/jql' }, kind: 'hang' })
    expect(await sync()).toMatchObject({ error: { kind: 'timeout' } })
    await expectKeptAndStale('unavailable')
    await expectRecovered()
  })

  test('connection resets', async () => {
    f.sandbox.faults.add({ kind: 'reset', after: 3 })
    expect(await sync()).toMatchObject({ error: { kind: 'unavailable' } })
    await expectKeptAndStale('unavailable')
    await expectRecovered()
  })

  test('malformed JSON', async () => {
    f.sandbox.faults.add({ match: { path: '/rest/api/3/search/jql' }, kind: 'malformed' })
    expect(await sync()).toMatchObject({ error: { kind: 'invalid_response' } })
    await expectKeptAndStale('not_understood')
    await expectRecovered()
  })

  test('a token revoked mid-sync: every page with Jira data says a manager must rotate it', async () => {
    f.sandbox.faults.add({ kind: 'unauthorized', after: 2 })
    expect(await sync()).toMatchObject({ error: { kind: 'bad_credentials' } })
    await expectKeptAndStale('token_rejected')
    expect((await health()).message).toBe('Token rejected — a manager must rotate it.')
    expect((await f.people.viewer.get(f.api('/jira/sync'))).body.health.status).toBe('token_rejected')
    await expectRecovered()
  })

  test('nothing was ever written to Jira, whatever it answered', () => {
    expect(f.sandbox.writes()).toEqual([])
  })
})
