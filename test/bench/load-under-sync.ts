// Issue 8 item 6: 100 concurrent clients for 20 s on the read routes while full syncs of the large
// portfolio run back to back: no errors and no 5xx, with the figures printed.
import type { FigureSet } from './figures.js'
import { load, readPaths, type Served } from './http-measures.js'
import type { BenchPortal } from './portal-setup.js'

const CLIENTS = 100
const SECONDS = 20

export async function measureLoadUnderSync(served: Served, portal: BenchPortal, figures: FigureSet): Promise<void> {
  const paths = readPaths(portal)
  let loading = true
  const syncs: { ok: boolean; wallMs: number }[] = []
  // Full syncs one after another for as long as the load lasts, so the reads always meet one.
  const syncing = (async () => {
    while (loading) {
      const started = performance.now()
      const result = await portal.deps.sync.syncPortfolio(portal.portfolioId, { trigger: 'manual', mode: 'full' })
      syncs.push({ ok: result.status === 'done' && result.outcome === 'ok', wallMs: performance.now() - started })
    }
  })()
  const run = await load(served, portal, [paths.list, paths.detail, paths.health], CLIENTS, SECONDS).finally(() => {
    loading = false
  })
  await syncing
  figures.atMost('under_sync.errors', `Reads under sync (${CLIENTS} clients, ${SECONDS} s): errors + timeouts`, run.errors + run.timeouts, 'count', 0)
  figures.atMost('under_sync.5xx', 'Reads under sync: 5xx answers', run.status5xx, 'count', 0)
  figures.atMost('under_sync.non2xx', 'Reads under sync: non-2xx answers', run.non2xx, 'count', 0)
  figures.info('under_sync.requests', 'Reads under sync: requests answered', run.requests, 'requests')
  figures.info('under_sync.throughput', 'Reads under sync: throughput', run.throughput, 'req/s')
  figures.info('under_sync.p50', 'Reads under sync: p50 latency', run.p50Ms, 'ms')
  figures.info('under_sync.p99', 'Reads under sync: p99 latency', run.p99Ms, 'ms')
  figures.holds('under_sync.syncs_ok', `Reads under sync: full syncs finished ok (${syncs.length})`, syncs.length > 0 && syncs.every((s) => s.ok), 'all ok')
  const mean = syncs.reduce((sum, s) => sum + s.wallMs, 0) / Math.max(syncs.length, 1)
  figures.info('under_sync.sync_wall', 'Reads under sync: full sync wall time (mean)', mean, 'ms')
}
