// The sync engine on the sandbox: full reads, incremental reads, what Jira changes, leases.
import { createIntegration } from '../../portal-service/jira/integration.js'
import { createLogger } from '../../portal-service/log/logger.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { figuresOf, truthOf } from '../support/jira-truth.js'
import { DIALECTS } from '../support/test-database.js'

const MINUTE = 60_000

describe.each(DIALECTS)('the sync engine on %s', (dialect) => {
  let f: JiraFixture
  let linked: string[]
  let alpha: string
  let beta: string
  const sync = (mode: 'auto' | 'full' = 'auto') => f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual', mode })
  const epicsOf = async (initiativeId: string) => (await f.people.viewer.get(f.api(`/initiatives/${initiativeId}`))).body.epics
  const epicNamed = async (initiativeId: string, id: string) => (await epicsOf(initiativeId)).find((e: { id: string }) => e.id === id)

  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    linked = f.sandbox.store.projects().slice(0, 3).map((p) => p.key)
    await f.connect(linked)
    alpha = await f.createInitiative('Alpha')
    beta = await f.createInitiative('Beta')
    for (const key of linked) {
      const [first, second] = f.sandbox.store.epics(key)
      await f.linkEpic(alpha, first!.key)
      await f.linkEpic(beta, second!.key)
    }
  })
  afterAll(() => f.destroy())

  test('a full read gives every epic Jira’s exact figures and records the run', async () => {
    f.sandbox.clearRequests()
    const result = await sync('full')
    expect(result).toMatchObject({ status: 'done', kind: 'full', outcome: 'ok' })
    for (const initiative of [alpha, beta]) {
      for (const epic of await epicsOf(initiative)) {
        expect({ key: epic.key, figures: figuresOf(epic) }).toEqual({ key: epic.key, figures: truthOf(f.sandbox, epic.id) })
        expect(epic.stale).toBe(false)
      }
    }
    const status = (await f.people.viewer.get(f.api('/jira/sync'))).body
    expect(status.health.status).toBe('ok')
    expect(status.runs[0]).toMatchObject({ kind: 'full', outcome: 'ok', trigger: 'manual', error: null })
    expect(status.runs[0].calls).toBe(f.sandbox.requests.length)
    // Batched: one children query for all six epics, not one per epic.
    expect(f.sandbox.requests.filter((r) => r.path === '/rest/api/3/search/jql').length).toBeLessThanOrEqual(2)
  })

  test('when nothing changed, an incremental read costs at most two Jira calls', async () => {
    f.t.clock.advance(10 * MINUTE)
    f.sandbox.clearRequests()
    const result = await sync()
    expect(result).toMatchObject({ kind: 'incremental', outcome: 'ok' })
    expect(f.sandbox.requests.length).toBeLessThanOrEqual(2)
    expect(result.status === 'done' && result.calls).toBe(f.sandbox.requests.length)
  })

  test('an incremental read follows new, finished, re-estimated and moved children', async () => {
    const [epicA] = await epicsOf(alpha)
    const [epicB] = await epicsOf(beta)
    const childrenA = f.sandbox.store.children(epicA.id).filter((c) => c.hierarchyLevel === 0)
    const untracked = f.sandbox.store.epics(linked[0]).at(-1)!
    expect(childrenA.length).toBeGreaterThanOrEqual(3)
    f.t.clock.advance(MINUTE)
    f.sandbox.store.createIssue({ projectKey: epicA.project.key, type: 'story', summary: 'New work', parent: epicA.id, storyPoints: 5 })
    if (childrenA[0]) f.sandbox.store.updateIssue(childrenA[0].id, { status: 'Done', storyPoints: 8 })
    if (childrenA[1]) f.sandbox.store.updateIssue(childrenA[1].id, { parent: epicB.id })
    if (childrenA[2]) f.sandbox.store.updateIssue(childrenA[2].id, { parent: untracked.id })
    f.sandbox.store.updateIssue(epicB.id, { summary: 'Renamed in Jira', status: 'In Progress' })
    f.t.clock.advance(10 * MINUTE)
    f.sandbox.clearRequests()
    expect(await sync()).toMatchObject({ kind: 'incremental', outcome: 'ok' })
    expect(figuresOf(await epicNamed(alpha, epicA.id))).toEqual(truthOf(f.sandbox, epicA.id))
    const b = await epicNamed(beta, epicB.id)
    expect(figuresOf(b)).toEqual(truthOf(f.sandbox, epicB.id))
    expect(b).toMatchObject({ summary: 'Renamed in Jira', status: { name: 'In Progress', category: 'indeterminate' } })
    expect(f.sandbox.requests.length).toBeLessThanOrEqual(3)
  })

  test('a child deleted in Jira is invisible to an incremental read; the periodic full read reconciles it', async () => {
    const [epic] = await epicsOf(alpha)
    const child = f.sandbox.store.children(epic.id).find((c) => c.hierarchyLevel === 0)!
    const before = figuresOf(await epicNamed(alpha, epic.id))!
    f.sandbox.store.deleteIssue(child.id)
    f.t.clock.advance(10 * MINUTE)
    expect(await sync()).toMatchObject({ kind: 'incremental', outcome: 'ok' })
    expect(figuresOf(await epicNamed(alpha, epic.id))!.children.total).toBe(before.children.total)
    f.t.clock.advance(6 * 60 * MINUTE)
    expect(await sync()).toMatchObject({ kind: 'full', outcome: 'ok' })
    const after = figuresOf(await epicNamed(alpha, epic.id))!
    expect(after.children.total).toBe(before.children.total - 1)
    expect(after).toEqual(truthOf(f.sandbox, epic.id))
  })

  test('an epic deleted in Jira is shown as such; its link and last figures stay', async () => {
    const [victim] = await epicsOf(beta)
    const before = figuresOf(victim)
    f.sandbox.store.deleteIssue(victim.id)
    f.t.clock.advance(MINUTE)
    expect(await sync('full')).toMatchObject({ kind: 'full', outcome: 'ok' })
    const after = await epicNamed(beta, victim.id)
    expect(after.state).toBe('deleted')
    expect(after.stateMessage).toMatch(/no longer returns this epic/)
    expect(figuresOf(after)).toEqual(before)
  })

  test('an epic moved to an unlinked project is flagged; one moved between linked projects follows', async () => {
    const [outward, inward] = (await epicsOf(alpha)).slice(0, 2)
    const unlinked = f.sandbox.store.projects()[5]!.key
    f.sandbox.store.moveIssue(outward.id, unlinked)
    const newKey = f.sandbox.store.moveIssue(inward.id, linked[2]!)
    f.t.clock.advance(MINUTE)
    expect(await sync('full')).toMatchObject({ outcome: 'ok' })
    expect((await epicNamed(alpha, outward.id)).state).toBe('moved_out')
    const moved = await epicNamed(alpha, inward.id)
    expect(moved).toMatchObject({ key: newKey, state: 'ok', project: { key: linked[2] } })
    // It now belongs to its new project: unlinking the old one leaves it linked.
    const preview = await f.people.manager.get(f.api(`/jira/projects/${inward.project.key}/unlink-preview`))
    expect(preview.body.unlinkedEpics.map((e: { id: string }) => e.id)).not.toContain(inward.id)
  })

  test('a project deleted in Jira is marked missing, never unlinked by the sync', async () => {
    const doomed = linked[1]!
    const epicsBefore = (await epicsOf(beta)).length + (await epicsOf(alpha)).length
    f.sandbox.store.deleteProject(doomed)
    f.t.clock.advance(MINUTE)
    expect(await sync('full')).toMatchObject({ outcome: 'ok' })
    const view = (await f.people.viewer.get(f.api('/jira'))).body
    expect(view.linkedProjects.find((p: { key: string }) => p.key === doomed).state).toBe('missing')
    expect((await epicsOf(beta)).length + (await epicsOf(alpha)).length).toBe(epicsBefore)
    f.t.clock.advance(10 * MINUTE)
    // The incremental read leaves the missing project out of its JQL (it would fail the query).
    expect(await sync()).toMatchObject({ kind: 'incremental', outcome: 'ok' })
  })

  test('Refresh from Jira answers at once and the run shows up', async () => {
    const response = await f.people.contributor.post(f.api('/jira/sync'), { full: true })
    expect(response.status).toBe(202)
    await f.settle()
    const status = (await f.people.viewer.get(f.api('/jira/sync'))).body
    expect(status.running).toBe(false)
    expect(status.runs[0]).toMatchObject({ kind: 'full', trigger: 'manual', outcome: 'ok' })
  })

  test('the schedule syncs a portfolio once its interval has passed, not before', async () => {
    await sync()
    const runs = async () => (await f.t.db.selectFrom('syncRuns').select('id').where('portfolioId', '=', f.portfolioId).execute()).length
    const before = await runs()
    await f.t.deps.sync.runDue()
    expect(await runs()).toBe(before)
    f.t.clock.advance(11 * MINUTE)
    await f.t.deps.sync.runDue()
    expect(await runs()).toBe(before + 1)
    const latest = await f.t.db.selectFrom('syncRuns').selectAll().orderBy('startedAt', 'desc').executeTakeFirstOrThrow()
    expect(latest.trigger).toBe('schedule')
  })

  test('one instance syncs a portfolio at a time; a dead instance’s lease expires', async () => {
    const other = createIntegration({
      db: f.t.db,
      config: f.t.config,
      log: createLogger({ sink: () => undefined }),
      clock: f.t.clock,
      secretKey: f.t.secretKey,
      transport: { retry: { baseDelayMs: 10 } },
      sync: { instanceId: 'other-instance', leaseMs: 60_000 },
    })
    f.sandbox.faults.setLatency(30)
    const [mine, theirs] = await Promise.all([
      sync('full'),
      other.sync.syncPortfolio(f.portfolioId, { trigger: 'manual', mode: 'full' }),
    ])
    f.sandbox.faults.setLatency(0)
    expect([mine.status, theirs.status].sort()).toEqual(['done', 'skipped'])
    // An instance dies holding the lease, mid-run: nobody syncs until it expires.
    await f.t.db.updateTable('jiraConnections').set({ syncLeaseOwner: 'dead', syncLeaseUntil: new Date(f.t.clock.now().getTime() + 60_000).toISOString() }).execute()
    await f.t.db.insertInto('syncRuns').values({ id: crypto.randomUUID(), portfolioId: f.portfolioId, kind: 'full', trigger: 'schedule', startedAt: f.t.clock.now().toISOString(), instanceId: 'dead' }).execute()
    expect(await sync()).toEqual({ status: 'skipped', reason: 'locked' })
    f.t.clock.advance(2 * MINUTE)
    expect(await other.sync.syncPortfolio(f.portfolioId, { trigger: 'manual' })).toMatchObject({ status: 'done', outcome: 'ok' })
    const abandoned = await f.t.db.selectFrom('syncRuns').selectAll().where('instanceId', '=', 'dead').executeTakeFirstOrThrow()
    expect(abandoned).toMatchObject({ outcome: 'failed', errorKind: 'abandoned' })
    await other.sync.stop()
  })

  test('a sync whose lease was taken over stops instead of writing beside the new holder', async () => {
    const slow = createIntegration({
      db: f.t.db,
      config: f.t.config,
      log: createLogger({ sink: () => undefined }),
      clock: f.t.clock,
      secretKey: f.t.secretKey,
      transport: { retry: { baseDelayMs: 10 } },
      sync: { instanceId: 'slow-instance', leaseMs: 3_000, epicsPerQuery: 1, parallelQueries: 1 },
    })
    f.sandbox.faults.setLatency(250)
    const running = slow.sync.syncPortfolio(f.portfolioId, { trigger: 'manual', mode: 'full' })
    await new Promise((resolve) => setTimeout(resolve, 400))
    // Another instance believed the lease expired and took it (a stalled process, a clock jump).
    await f.t.db.updateTable('jiraConnections').set({ syncLeaseOwner: 'thief', syncLeaseUntil: new Date(f.t.clock.now().getTime() + 600_000).toISOString() }).execute()
    const result = await running
    f.sandbox.faults.setLatency(0)
    expect(result).toMatchObject({ status: 'done', error: { kind: 'lease_lost' } })
    expect(result.status === 'done' && result.outcome).not.toBe('ok')
    const lease = await f.t.db.selectFrom('jiraConnections').select('syncLeaseOwner').executeTakeFirstOrThrow()
    expect(lease.syncLeaseOwner).toBe('thief')
    await f.t.db.updateTable('jiraConnections').set({ syncLeaseOwner: null, syncLeaseUntil: null }).execute()
    await slow.sync.stop()
  })

  test('nothing was ever written to Jira', () => {
    expect(f.sandbox.writes()).toEqual([])
  })
})
