// Issue 7 items 4 and 5: portal reads over real HTTP (the initiative list with roll-ups, an
// initiative with 20 epics, and the health route of the same server), and the project picker.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { runTsForResult } from './child-process.js'
import type { FigureSet } from './figures.js'
import { encodePlan, type LoadPlan, type LoadResult } from './load-plan.js'
import type { BenchPortal } from './portal-setup.js'
import { settleHeap } from './rss-meter.js'
import type { SandboxHandle } from './sandbox-control.js'

export interface Served {
  url: string
  close(): Promise<void>
}

/** Serves the portal app on loopback with @hono/node-server, as `npm start` does. */
export function servePortal(portal: BenchPortal): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch: portal.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    })
  })
}

/**
 * Runs the load generator in its own process against `paths`. The portal's heap is collected
 * first, so garbage left by one phase is not collected during (and charged to) the next.
 */
export function load(served: Served, portal: BenchPortal, paths: string[], connections: number, durationSeconds: number): Promise<LoadResult> {
  settleHeap()
  const plan: LoadPlan = { url: served.url, connections, durationSeconds, headers: { Authorization: `Bearer ${portal.token}` }, paths }
  return runTsForResult<LoadResult>('./load-runner.ts', [encodePlan(plan)])
}

export function readPaths(portal: BenchPortal) {
  const base = `/api/portfolios/${portal.portfolioId}`
  return { health: '/api/health', list: `${base}/initiatives`, detail: `${base}/initiatives/${portal.initiativeIds[0]}` }
}

export const READ_CONNECTIONS = 10
const READ_SECONDS = 10

export async function measureReads(served: Served, portal: BenchPortal, figures: FigureSet): Promise<void> {
  const paths = readPaths(portal)
  // Warm the JIT and the database cache on every route before anything is counted.
  await load(served, portal, [paths.health, paths.list, paths.detail], READ_CONNECTIONS, 3)
  const health = await load(served, portal, [paths.health], READ_CONNECTIONS, READ_SECONDS)
  const list = await load(served, portal, [paths.list], READ_CONNECTIONS, READ_SECONDS)
  const detail = await load(served, portal, [paths.detail], READ_CONNECTIONS, READ_SECONDS)
  const clean = (r: LoadResult) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0
  figures.holds('reads.clean', `Reads (${READ_CONNECTIONS} clients): no errors, all 2xx`, clean(health) && clean(list) && clean(detail), 'yes')
  figures.info('reads.health_throughput', 'GET /api/health: throughput', health.throughput, 'req/s')
  figures.info('reads.health_p99', 'GET /api/health: p99 latency', health.p99Ms, 'ms')
  figures.info('reads.list_throughput', 'Initiative list (400, roll-ups): throughput', list.throughput, 'req/s', `${Math.round(list.bytesPerSecond / Math.max(list.throughput, 1) / 1024)} KiB per answer`)
  figures.atLeast('reads.list_vs_health', 'Initiative list: share of health throughput', list.throughput / health.throughput, 'ratio', 0.25)
  figures.atMost('reads.list_p99', 'Initiative list: p99 latency', list.p99Ms, 'ms', 50)
  figures.info('reads.detail_throughput', 'Initiative with 20 epics: throughput', detail.throughput, 'req/s')
  figures.atMost('reads.detail_p99', 'Initiative with 20 epics: p99 latency', detail.p99Ms, 'ms', 50)
}

/** What people type into the picker: keys, key prefixes, words of names, and misses. */
const PICKER_QUERIES = ['PA', 'XB', 'xab', 'Cobalt', 'harbor', 'data', 'XZZ', 'pt', 'Nova', 'nothing-like-this']

export async function measurePicker(served: Served, portal: BenchPortal, sandbox: SandboxHandle, figures: FigureSet): Promise<void> {
  const base = `/api/portfolios/${portal.portfolioId}/jira/projects/available`
  const paths = PICKER_QUERIES.map((q) => `${base}?query=${encodeURIComponent(q)}`)
  // Calls per search, exactly: one search at a time, counted by the sandbox.
  await sandbox.clearRequests()
  for (const path of paths) {
    const response = await fetch(`${served.url}${path}`, { headers: { Authorization: `Bearer ${portal.token}` } })
    if (response.status !== 200) throw new Error(`picker ${path}: ${response.status} ${await response.text()}`)
    await response.arrayBuffer()
  }
  const perSearch = (await sandbox.requests()).length / paths.length
  figures.atMost('picker.calls_per_search', 'Project picker (5,000 projects): Jira calls per search', perSearch, 'calls', 1)
  const run = await load(served, portal, paths, 4, 10)
  figures.holds('picker.clean', 'Project picker: no errors, all 2xx', run.errors === 0 && run.timeouts === 0 && run.non2xx === 0, 'yes')
  figures.info('picker.throughput', 'Project picker (4 clients): throughput', run.throughput, 'req/s')
  figures.atMost('picker.p99', 'Project picker: p99 latency (30 ms Jira latency)', run.p99Ms, 'ms', 100)
}
