// Child process: one workload size end to end — its own sandbox child, the portal in this process
// (so peak RSS is the portal's alone, untouched by other sizes), setup, then the measurements.
// Prints one JSON line `{figures}`. Flags: --scale <n>, --http (the read and load figures too).
import { parseArgs } from 'node:util'
import { FigureSet, type Figure } from './figures.js'
import { measurePicker, measureReads, servePortal } from './http-measures.js'
import { measureLoadUnderSync } from './load-under-sync.js'
import { createBenchPortal, setUpLargePortfolio } from './portal-setup.js'
import { SandboxHandle } from './sandbox-control.js'
import { measureFullSync, measureIncremental, measureNaive } from './sync-measures.js'
import { JIRA_LATENCY_MS, workload } from './workload.js'

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, http: { type: 'boolean', default: false } } })
const w = workload(Number(values.scale))
const figures = new FigureSet({ label: w.label, scale: w.scale, projects: w.projects, initiatives: w.initiatives, epics: w.epics, children: w.children })
const step = (what: string) => process.stderr.write(`  [${w.label}] ${what} (${new Date().toISOString().slice(11, 19)})\n`)

const sandbox = await SandboxHandle.start(w.scale)
const portal = await createBenchPortal(sandbox.url)
try {
  step(`sandbox ready with ${sandbox.issues} issues; setting up the portfolio`)
  const setupStarted = performance.now()
  await setUpLargePortfolio(portal, sandbox.url, w)
  figures.info('setup.wall', 'Setup (not measured: connect, 400 initiatives, link 2,000 epics at 0 ms)', performance.now() - setupStarted, 'ms')

  await sandbox.setLatency(JIRA_LATENCY_MS)
  step('full sync')
  const full = await measureFullSync(portal, sandbox, w, figures)
  step('naive sync')
  await measureNaive(portal, sandbox, w, full, figures)
  step('incremental syncs')
  await measureIncremental(portal, sandbox, w, figures)

  if (values.http) {
    const served = await servePortal(portal)
    try {
      step('reads over HTTP')
      await measureReads(served, portal, figures)
      step('project picker')
      await measurePicker(served, portal, sandbox, figures)
      step('reads under sync')
      await measureLoadUnderSync(served, portal, figures)
    } finally {
      await served.close()
    }
  }
  process.stdout.write(`${JSON.stringify({ figures: figures.figures satisfies Figure[] })}\n`)
} finally {
  await portal.close()
  await sandbox.stop()
}
