// Issue 8, item 7: two portal processes on one PostgreSQL database, both scheduling: one syncs a portfolio at a time, and a killed one's portfolios are taken over when its lease ends.
import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'
import { figuresOf, truthOf } from '../support/jira-truth.js'
import { createPortalDatabase, type DatabasePeek, type PortalDatabase } from './support/database-peek.js'
import { signInOver, startPortalProcess, waitFor, type PortalProcess, type PortalSession } from './support/portal-process.js'

const PORTFOLIOS = 3
const LEASE_SECONDS = 3

interface Run {
  id: string
  portfolio_id: string
  instance_id: string
  kind: string
  trigger: string
  outcome: string
  error_kind: string | null
  started_at: string
  finished_at: string | null
}

describe('two portal instances on one PostgreSQL database', () => {
  let sandbox: JiraSandbox
  let database: PortalDatabase
  let peek: DatabasePeek
  let first: PortalProcess
  let second: PortalProcess
  let admin: PortalSession
  const portfolios: string[] = []
  let observedFrom: string

  const runs = () => peek.all<Run>('SELECT * FROM sync_runs ORDER BY started_at, id')
  const instanceOf = (portal: PortalProcess) => (run: Run) => run.instance_id.split(':')[1] === String(portal.pid)

  beforeAll(async () => {
    sandbox = await startJiraSandbox({ seed: 9, dataset: { projects: PORTFOLIOS, epicsPerProject: 3, childrenPerEpic: [5, 15] } })
    database = await createPortalDatabase('postgres', inject('postgresAdminUrl'))
    const env = {
      DATABASE_URL: database.url,
      PORTAL_SECRET_KEY: randomBytes(32).toString('hex'),
      JIRA_GATEWAY_URL: sandbox.url,
      SYNC_INTERVAL_MINUTES: '0.05',
      SYNC_LEASE_SECONDS: String(LEASE_SECONDS),
    }
    first = await startPortalProcess(env)
    peek = await database.peek()
    admin = await signInOver(first.url)
    const { admin: jira } = sandbox.accounts
    for (const project of sandbox.store.projects()) {
      const id = (await admin.post('/api/portfolios', { name: `Portfolio ${project.key}`, companyId: admin.user.companyId })).body.id
      const configured = await admin.call('PUT', `/api/portfolios/${id}/jira`, { siteUrl: sandbox.url, accountEmail: jira.email, apiToken: jira.token, projectKeys: [project.key] })
      expect(configured.status).toBe(201)
      const initiative = (await admin.post(`/api/portfolios/${id}/initiatives`, { name: 'Tracked' })).body.id
      for (const epic of sandbox.store.epics(project.key)) {
        expect((await admin.post(`/api/portfolios/${id}/initiatives/${initiative}/epics`, { epicKey: epic.key })).status).toBe(201)
      }
      portfolios.push(id)
    }
    // Every sync now outlasts the 3 s interval: the other instance finds the portfolio due while
    // it is still being synced, and only the lease keeps it out.
    sandbox.faults.add({ match: { path: '/rest/api/3/search/jql' }, kind: 'latency', ms: 3_500 })
    second = await startPortalProcess(env)
    // From here on only the schedules sync (no links, no manual syncs).
    observedFrom = new Date().toISOString()
  })
  afterAll(async () => {
    await first?.kill()
    await second?.kill()
    await peek?.close()
    await sandbox?.close()
    await database?.destroy()
  })

  /** For each portfolio, its runs one after another: none starts before the previous one ended. */
  function expectNoOverlap(all: Run[]) {
    for (const portfolio of portfolios) {
      const mine = all.filter((run) => run.portfolio_id === portfolio)
      for (let i = 1; i < mine.length; i++) {
        const [previous, next] = [mine[i - 1]!, mine[i]!]
        expect(previous.finished_at, `run ${previous.id} ended`).not.toBeNull()
        expect({ next: next.started_at, previousEnded: previous.finished_at! <= next.started_at }).toEqual({ next: next.started_at, previousEnded: true })
      }
    }
  }

  test('both schedule syncs, and each portfolio is synced by one instance at a time', async () => {
    // Wait until each instance has finished syncs, and every portfolio has been synced a few times.
    await waitFor(
      'both instances to sync every portfolio repeatedly',
      async () => {
        const seen = (await runs()).filter((run) => run.started_at >= observedFrom && run.outcome === 'ok')
        const perPortfolio = portfolios.map((id) => seen.filter((run) => run.portfolio_id === id).length)
        return seen.some(instanceOf(first)) && seen.some(instanceOf(second)) && perPortfolio.every((n) => n >= 2)
      },
      60_000,
      200,
    )
    // On top of the schedules, ask both instances to sync every portfolio at the same moment:
    // "Refresh from Jira" skips no due check, so only the lease can keep them apart.
    const sessions = [admin, await signInOver(second.url)]
    for (let round = 0; round < 2; round++) {
      const asked = new Date().toISOString()
      const answers = await Promise.all(portfolios.flatMap((id) => sessions.map((session) => session.post(`/api/portfolios/${id}/jira/sync`, {}))))
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 202))
      await waitFor(
        'the refreshes to end',
        async () => {
          const manual = (await runs()).filter((run) => run.trigger === 'manual' && run.started_at >= asked)
          return manual.length > 0 && manual.every((run) => run.outcome !== 'running')
        },
        30_000,
        200,
      )
    }
    const window = (await runs()).filter((run) => run.started_at >= observedFrom)
    // Only leased syncs ran in the window (nothing was linked meanwhile).
    expect(new Set(window.map((run) => run.kind))).not.toContain('epics')
    expect(window.some((run) => run.trigger === 'manual')).toBe(true)
    expectNoOverlap(window.filter((run) => run.outcome !== 'running'))
    // Some portfolio really was synced by both instances, one after the other.
    expect(portfolios.some((id) => new Set(window.filter((run) => run.portfolio_id === id).map((run) => run.instance_id)).size === 2)).toBe(true)
  })

  test('killing one instance mid-sync: the other takes over its portfolios once the lease has expired', async () => {
    const dying = await waitFor(
      'the first instance to be in the middle of a sync',
      async () => (await peek.all<Run>(`SELECT * FROM sync_runs WHERE outcome = 'running'`)).find(instanceOf(first)),
      30_000,
      10,
    )
    expect(await first.kill('SIGKILL')).toBe('SIGKILL')
    const killedAt = new Date().toISOString()
    const [lease] = await peek.all<{ sync_lease_owner: string | null; sync_lease_until: string | null }>(
      'SELECT sync_lease_owner, sync_lease_until FROM jira_connections WHERE portfolio_id = ?',
      [dying.portfolio_id],
    )
    // The dead instance still holds the lease it was renewing.
    expect(lease!.sync_lease_owner).toBe(dying.instance_id)

    await waitFor(
      'the second instance to sync every portfolio after the kill',
      async () => {
        const after = (await runs()).filter((run) => run.started_at > killedAt && run.outcome === 'ok')
        return portfolios.every((id) => after.some((run) => run.portfolio_id === id && instanceOf(second)(run)))
      },
      30_000,
      200,
    )
    const all = await runs()
    // Nobody touched the dead instance's portfolio before its lease ran out.
    const takeover = all.filter((run) => run.portfolio_id === dying.portfolio_id && run.started_at > dying.started_at && run.id !== dying.id)
    expect(takeover.length).toBeGreaterThan(0)
    expect(takeover.every(instanceOf(second))).toBe(true)
    expect(takeover[0]!.started_at > lease!.sync_lease_until!).toBe(true)
    // Its half-done run was closed by the survivor, and ends before the survivor's run starts.
    const closed = all.find((run) => run.id === dying.id)!
    expect(closed).toMatchObject({ outcome: 'failed', error_kind: 'abandoned' })
    expect(closed.finished_at! <= takeover[0]!.started_at).toBe(true)
    expectNoOverlap(all.filter((run) => run.started_at >= observedFrom && run.outcome !== 'running'))

    // The survivor serves figures that match Jira for every portfolio.
    const survivor = await signInOver(second.url)
    for (const id of portfolios) {
      const [initiative] = (await survivor.get(`/api/portfolios/${id}/initiatives`)).body.initiatives
      for (const epic of (await survivor.get(`/api/portfolios/${id}/initiatives/${initiative.id}`)).body.epics) {
        expect(figuresOf(epic)).toEqual(truthOf(sandbox, epic.id))
      }
    }
  })
})
