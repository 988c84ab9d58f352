// Issue 8, item 3: the portal SIGKILLed in the middle of a sync and of a cascade restarts intact, with no half-applied cascade, and syncs again.
import { randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'
import { figuresOf, truthOf } from '../support/jira-truth.js'
import { DIALECTS, type Dialect } from '../support/test-database.js'
import { createPortalDatabase, sqliteWriteLockProbe, type DatabasePeek, type PortalDatabase } from './support/database-peek.js'
import { signInOver, startPortalProcess, waitFor, type PortalProcess, type PortalSession } from './support/portal-process.js'

/** Extra initiatives (20 epics each) behind the cascade on SQLite, so deleting them takes a while. */
const CASCADE_INITIATIVES = 4_000

interface Counts {
  connections: number
  projects: number
  epics: number
}

describe.each(DIALECTS)('the portal killed with SIGKILL on %s', (dialect: Dialect) => {
  let sandbox: JiraSandbox
  let database: PortalDatabase
  let peek: DatabasePeek
  let portal: PortalProcess | undefined
  let admin: PortalSession
  let portfolioId: string
  let initiatives: string[]
  let env: Record<string, string>
  const api = (path = '') => `/api/portfolios/${portfolioId}${path}`

  /** A new life of the portal on the same database; the short lease lets it take over at once. */
  async function start(intervalMinutes: string) {
    portal = await startPortalProcess({ ...env, SYNC_INTERVAL_MINUTES: intervalMinutes })
    admin = await signInOver(portal.url)
  }

  async function counts(): Promise<Counts> {
    const [row] = await peek.all<Record<keyof Counts, number | string>>(
      `SELECT (SELECT count(*) FROM jira_connections WHERE portfolio_id = ?) AS connections,
              (SELECT count(*) FROM linked_projects WHERE portfolio_id = ?) AS projects,
              (SELECT count(*) FROM linked_epics WHERE portfolio_id = ?) AS epics`,
      [portfolioId, portfolioId, portfolioId],
    )
    return { connections: Number(row!.connections), projects: Number(row!.projects), epics: Number(row!.epics) }
  }

  /** Every epic shows Jira's exact figures, not stale. */
  async function expectTruth() {
    for (const id of initiatives) {
      const epics = (await admin.get(api(`/initiatives/${id}`))).body.epics as any[]
      expect(epics.length).toBeGreaterThan(0)
      for (const epic of epics) {
        expect({ key: epic.key, stale: epic.stale, figures: figuresOf(epic) }).toEqual({ key: epic.key, stale: false, figures: truthOf(sandbox, epic.id) })
      }
    }
  }

  beforeAll(async () => {
    // Thirty epics of about fifty children each: a full read is one query of ~15 pages.
    sandbox = await startJiraSandbox({ seed: 8, dataset: { projects: 3, epicsPerProject: 10, childrenPerEpic: [40, 60], subtasksPerChild: 0 } })
    database = await createPortalDatabase(dialect, inject('postgresAdminUrl'))
    env = {
      DATABASE_URL: database.url,
      PORTAL_SECRET_KEY: randomBytes(32).toString('hex'),
      JIRA_GATEWAY_URL: sandbox.url,
      SYNC_LEASE_SECONDS: '3',
    }
    // First life: no schedule, so the only sync running is the one the test starts.
    await start('10')
    peek = await database.peek()
    const created = await admin.post('/api/portfolios', { name: 'Crash test', companyId: admin.user.companyId })
    portfolioId = created.body.id
    const keys = sandbox.store.projects().map((p) => p.key)
    const { admin: jira } = sandbox.accounts
    const configured = await admin.call('PUT', api('/jira'), { siteUrl: sandbox.url, accountEmail: jira.email, apiToken: jira.token, projectKeys: keys })
    expect(configured.status).toBe(201)
    initiatives = [(await admin.post(api('/initiatives'), { name: 'First twenty' })).body.id, (await admin.post(api('/initiatives'), { name: 'The rest' })).body.id]
    const epics = keys.flatMap((key) => sandbox.store.epics(key))
    for (const [i, epic] of epics.entries()) {
      const linked = await admin.post(api(`/initiatives/${initiatives[i < 20 ? 0 : 1]}/epics`), { epicKey: epic.key })
      expect(linked.status).toBe(201)
    }
    await waitFor('the first syncs to finish', async () => !(await admin.get(api('/jira/sync'))).body.running)
    await expectTruth()
  })
  afterAll(async () => {
    await portal?.kill()
    await peek?.close()
    await sandbox?.close()
    await database?.destroy()
  })

  test('killed mid-sync: the database is intact, the abandoned run is closed, and the next sync completes', async () => {
    // Slow Jira down so the full read is still paging through children when the portal dies.
    sandbox.faults.setLatency(150)
    expect((await admin.post(api('/jira/sync'), { full: true })).status).toBe(202)
    const dying = await waitFor(
      'a full sync that has stored some children',
      async () => {
        const [run] = await peek.all<{ id: string; instance_id: string }>(
          `SELECT id, instance_id FROM sync_runs WHERE portfolio_id = ? AND kind = 'full' AND outcome = 'running'`,
          [portfolioId],
        )
        if (!run) return null
        const [stored] = await peek.all<{ n: number | string }>('SELECT count(*) AS n FROM epic_children WHERE seen_run = ?', [run.id])
        return Number(stored!.n) > 0 ? { ...run, stored: Number(stored!.n) } : null
      },
      30_000,
      20,
    )
    expect(await portal!.kill('SIGKILL')).toBe('SIGKILL')
    sandbox.faults.setLatency(0)

    // It died mid-run: the run is still "running", with part of the children stored.
    const tracked = await peek.all<{ id: string }>('SELECT DISTINCT jira_issue_id AS id FROM linked_epics WHERE portfolio_id = ?', [portfolioId])
    const totalChildren = tracked.reduce((sum, { id }) => sum + truthOf(sandbox, id).children.total, 0)
    const [left] = await peek.all<{ outcome: string; finished_at: string | null }>('SELECT outcome, finished_at FROM sync_runs WHERE id = ?', [dying.id])
    expect(left).toEqual({ outcome: 'running', finished_at: null })
    expect(dying.stored).toBeLessThan(totalChildren)
    expect(await peek.integrityProblems()).toEqual([])

    // Restarted with a schedule: once the dead instance's lease runs out, the next sync runs.
    await start('0.05')
    await waitFor(
      'a sync by the new instance to complete',
      async () =>
        (await peek.all(`SELECT id FROM sync_runs WHERE portfolio_id = ? AND instance_id <> ? AND outcome = 'ok' AND started_at > ?`, [portfolioId, dying.instance_id, new Date(Date.now() - 60_000).toISOString()]))
          .length > 0,
      30_000,
    )
    const [closed] = await peek.all<{ outcome: string; error_kind: string; finished_at: string | null }>(
      'SELECT outcome, error_kind, finished_at FROM sync_runs WHERE id = ?',
      [dying.id],
    )
    expect(closed).toMatchObject({ outcome: 'failed', error_kind: 'abandoned', finished_at: expect.any(String) })
    expect((await admin.get(api('/jira/sync'))).body.health.status).toBe('ok')
    await expectTruth()
    expect(await peek.integrityProblems()).toEqual([])
  })

  test('killed mid-cascade (deleting the connection): every link is still there, none half-gone, and the delete then completes', async () => {
    // Many more links, so the cascade's transaction lasts long enough to be caught in the act.
    const links = await peek.all<{ linked_project_id: string; jira_issue_id: string }>(
      'SELECT linked_project_id, jira_issue_id FROM linked_epics WHERE initiative_id = ?',
      [initiatives[0]],
    )
    await bulkLinks(peek, portfolioId, links, dialect === 'sqlite' ? CASCADE_INITIATIVES : 50)
    const before = await counts()
    expect(before.connections).toBe(1)

    // Each helper proves the portal was inside the cascade's transaction, having written, when it died.
    await (dialect === 'sqlite' ? killDuringSqliteCascade() : killDuringPostgresCascade())
    expect(await peek.integrityProblems()).toEqual([])
    // Rolled back as a whole: the connection, its projects and every epic link are all there.
    expect(await counts()).toEqual(before)

    await start('10')
    const view = await admin.get(api('/jira'))
    expect(view.status).toBe(200)
    expect(view.body.linkedProjects).toHaveLength(before.projects)
    const deleted = await admin.call('DELETE', api('/jira'))
    expect(deleted.status).toBe(200)
    expect(deleted.body.unlinkedEpics).toHaveLength(before.epics)
    expect(await counts()).toEqual({ connections: 0, projects: 0, epics: 0 })
    expect(await peek.integrityProblems()).toEqual([])
  })

  /**
   * SQLite has no row locks to hold the cascade still, so the test watches the write lock: once
   * the portal has held it for 25 ms (its transaction has started deleting), it is killed.
   */
  async function killDuringSqliteCascade() {
    const probe = sqliteWriteLockProbe(database.file!)
    try {
      const request = admin.call('DELETE', api('/jira')).catch(() => 'connection lost')
      const deadline = Date.now() + 30_000
      let heldSince: number | null = null
      for (;;) {
        if (Date.now() > deadline) throw new Error('the cascade never held the write lock')
        const now = performance.now()
        if (probe.held()) {
          heldSince ??= now
          if (now - heldSince >= 25) break
        } else heldSince = null
        await new Promise((r) => setTimeout(r, 1))
      }
      expect(await portal!.kill('SIGKILL')).toBe('SIGKILL')
      expect(await request).toBe('connection lost')
    } finally {
      probe.close()
    }
  }

  /**
   * PostgreSQL: the test locks one linked project row, so the cascade stops right there, after
   * deleting every epic link, inside its transaction; the portal is killed while it waits.
   */
  async function killDuringPostgresCascade() {
    const holder = new pg.Client({ connectionString: database.url })
    await holder.connect()
    try {
      await holder.query('BEGIN')
      await holder.query('SELECT id FROM linked_projects WHERE portfolio_id = $1 ORDER BY id LIMIT 1 FOR UPDATE', [portfolioId])
      const request = admin.call('DELETE', api('/jira')).catch(() => 'connection lost')
      const waiting = await waitFor('the cascade to wait on the locked project', async () => {
        const [row] = await peek.all<{ pid: number; xid: string | null }>(
          `SELECT pid, backend_xid::text AS xid FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'delete from "linked_projects"%'`,
        )
        return row
      })
      // Mid-transaction, having written: it holds its own transaction id, and the epic links it
      // already deleted are invisible only to it.
      expect(waiting.xid).not.toBeNull()
      expect(await portal!.kill('SIGKILL')).toBe('SIGKILL')
      expect(await request).toBe('connection lost')
      await holder.query('ROLLBACK')
      // The server notices its client is gone and rolls the transaction back.
      await waitFor('the dead client’s backend to end', async () => (await peek.all('SELECT pid FROM pg_stat_activity WHERE pid = ?', [waiting.pid])).length === 0, 15_000)
    } finally {
      await holder.end()
    }
  }
})

/** Adds `count` initiatives, each linking the same epics, straight into the database. */
async function bulkLinks(peek: DatabasePeek, portfolioId: string, links: { linked_project_id: string; jira_issue_id: string }[], count: number) {
  const now = new Date().toISOString()
  const initiatives = Array.from({ length: count }, (_, i) => [randomUUID(), portfolioId, `Bulk ${i}`, 'Proposal', 'on_track', 1, now, now])
  for (let i = 0; i < initiatives.length; i += 500) {
    const rows = initiatives.slice(i, i + 500)
    await peek.run(
      `INSERT INTO initiatives (id, portfolio_id, name, stage, status, version, created_at, updated_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    )
    const epicRows = rows.flatMap(([initiativeId]) => links.map((link) => [randomUUID(), portfolioId, initiativeId, link.linked_project_id, link.jira_issue_id, now]))
    for (let j = 0; j < epicRows.length; j += 2_000) {
      const slice = epicRows.slice(j, j + 2_000)
      await peek.run(
        `INSERT INTO linked_epics (id, portfolio_id, initiative_id, linked_project_id, jira_issue_id, linked_at) VALUES ${slice.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
        slice.flat(),
      )
    }
  }
}
