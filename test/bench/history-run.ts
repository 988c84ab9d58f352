// Child process: issue 10's bench figures. Two years of compacted history for 2,000 epics (size on
// disk, compaction runs), then the history and forecast routes of a 20-epic initiative with that
// history, over HTTP against the trivial route. Prints one JSON line `{figures}`.
import { statSync } from 'node:fs'
import { sql } from 'kysely'
import { compactHistory } from '../../portal-service/history/history-compaction.js'
import * as epicsService from '../../portal-service/epics/epics.service.js'
import { createInitiative } from '../../portal-service/initiatives/initiative.service.js'
import { configureConnection } from '../../portal-service/jira/jira-connection.service.js'
import { DEMO_ACCOUNTS, startJiraSandbox } from '../jira-sandbox/index.js'
import { FigureSet, type Figure } from './figures.js'
import { generateHistory, generateRecentWeek } from './history-data.js'
import { load, READ_CONNECTIONS, servePortal } from './http-measures.js'
import { createBenchPortal } from './portal-setup.js'

const EPICS = 2_000
const INITIATIVES = 400
const DAYS = 730
const READ_SECONDS = 10
const figures = new FigureSet({ label: 'history', scale: 1, projects: 1, initiatives: INITIATIVES, epics: EPICS, children: 0 })
const step = (what: string) => process.stderr.write(`  [history] ${what} (${new Date().toISOString().slice(11, 19)})\n`)

// Twenty real epics of 15 children, read through the sync like any linked epic.
const sandbox = await startJiraSandbox({ seed: 10, dataset: { projects: 1, epicsPerProject: 20, childrenPerEpic: 15, subtasksPerChild: 0, teamManagedEvery: 0, storyPoints: true, extraProjects: 0 } })
const portal = await createBenchPortal(sandbox.url)
try {
  const { deps, actor, portfolioId } = portal
  const project = sandbox.store.projects()[0]!.key
  const admin = DEMO_ACCOUNTS.admin
  await configureConnection(deps, actor, portfolioId, { siteUrl: sandbox.url, accountEmail: admin.email, apiToken: admin.token, projectKeys: [project] })
  await deps.sync.idle()
  const initiativeIds: string[] = []
  for (let i = 0; i < INITIATIVES; i++) initiativeIds.push((await createInitiative(deps.db, deps.clock, actor, portfolioId, { name: `Initiative ${i + 1}`, targetDate: '2027-12-31' })).id)
  const first = initiativeIds[0]!
  const real = sandbox.store.epics(project)
  for (const epic of real) await epicsService.linkEpic(deps, actor, portfolioId, first, epic.key)
  await sql`pragma wal_checkpoint(truncate)`.execute(deps.db)
  const file = deps.config.database.dialect === 'sqlite' ? deps.config.database.file : ''
  const before = statSync(file).size

  step(`two years of history for ${EPICS} epics`)
  const now = new Date()
  const synthetic = Array.from({ length: EPICS - real.length }, (_, i) => String(900_000 + i))
  const links = [
    ...real.map((e) => ({ jiraIssueId: e.id, initiativeId: first })),
    ...synthetic.map((jiraIssueId, j) => ({ jiraIssueId, initiativeId: initiativeIds[1 + (j % (INITIATIVES - 1))]! })),
  ]
  const made = await generateHistory(deps.db, portfolioId, links, now, DAYS)
  const bytes = statSync(file).size - before
  figures.info('history.points', 'History: epic points, two years compacted (one a day)', made.points, 'rows')
  figures.info('history.size_mb', `History on disk (SQLite): ${EPICS} epics × 2 years, ${INITIATIVES} initiatives' days`, bytes / 1024 / 1024, 'MB', `${Math.round(bytes / (made.points + made.days))} bytes a row, indexes included`)
  // Per table, from SQLite's own page accounting (dbstat): epic points are the bulk.
  const pages = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat group by name`.execute(deps.db)
  const sizeOf = (...names: string[]) => pages.rows.filter((r) => names.includes(r.name)).reduce((sum, r) => sum + Number(r.bytes), 0)
  const pointBytes = sizeOf('epic_history')
  figures.info('history.points_mb', 'Epic history points on disk (one table, its key the only index)', pointBytes / 1024 / 1024, 'MB', `${Math.round(pointBytes / made.points)} bytes a point`)
  const dayBytes = sizeOf('initiative_history')
  figures.info('history.days_mb', "Initiatives' daily history on disk (its key the only index)", dayBytes / 1024 / 1024, 'MB', `${made.days} days, ${Math.round(dayBytes / made.days)} bytes a day`)

  step('compaction')
  let started = performance.now()
  const backlog = await compactHistory(deps.db, now, { maxDaysPerRun: 62 })
  figures.info('history.compact_backlog', 'Compaction, first run over two years (62 days of it, nothing to delete)', performance.now() - started, 'ms', `${backlog.pointsDeleted} points deleted`)
  // Steady state: the last week as 10-minute syncs with changes leave it; one more day to compact.
  const recent = await generateRecentWeek(deps.db, portfolioId, [...real.map((e) => e.id), ...synthetic], now, 24)
  await deps.db.updateTable('historyCompactions').set({ compactedBefore: new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000 - 8 * 86_400_000).toISOString() }).execute()
  started = performance.now()
  const daily = await compactHistory(deps.db, now)
  figures.atMost('history.compact_daily', 'Compaction, daily run (a day of 24 points per epic for 2,000 epics)', performance.now() - started, 'ms', 5_000, `${daily.pointsDeleted} of ${recent} recent points deleted`)

  step('routes over HTTP')
  const served = await servePortal(portal)
  try {
    const base = `/api/portfolios/${portfolioId}/initiatives/${first}`
    const from = new Date(now.getTime() - DAYS * 86_400_000).toISOString().slice(0, 10)
    const paths = { health: '/api/health', history: `${base}/history`, history2y: `${base}/history?from=${from}`, forecast: `${base}/forecast`, changes: `${base}/changes?since=${from}` }
    await load(served, portal, Object.values(paths), READ_CONNECTIONS, 3)
    const results: Record<string, Awaited<ReturnType<typeof load>>> = {}
    for (const [name, path] of Object.entries(paths)) results[name] = await load(served, portal, [path], READ_CONNECTIONS, READ_SECONDS)
    const health = results.health!
    const clean = Object.values(results).every((r) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0)
    figures.holds('history.reads_clean', `History reads (${READ_CONNECTIONS} clients): no errors, all 2xx`, clean, 'yes')
    figures.info('history.health_throughput', 'GET /api/health: throughput', health.throughput, 'req/s')
    const named = { history: 'History, 12 weeks (20 epics)', history2y: 'History, two years (20 epics)', forecast: 'Forecast (20 epics, two years of history)', changes: 'Changes since two years ago' }
    for (const [key, label] of Object.entries(named)) {
      const r = results[key]!
      figures.info(`history.${key}_throughput`, `${label}: throughput`, r.throughput, 'req/s', `${Math.round((r.throughput / health.throughput) * 100)}% of /api/health`)
      figures.info(`history.${key}_vs_health`, `${label}: share of health throughput`, r.throughput / health.throughput, 'ratio')
      if (key === 'changes') figures.info(`history.${key}_p99`, `${label}: p99 latency`, r.p99Ms, 'ms')
      else figures.atMost(`history.${key}_p99`, `${label}: p99 latency`, r.p99Ms, 'ms', 50)
    }
  } finally {
    await served.close()
  }
  process.stdout.write(`${JSON.stringify({ figures: figures.figures satisfies Figure[] })}\n`)
} finally {
  await portal.close()
  await sandbox.close()
}
