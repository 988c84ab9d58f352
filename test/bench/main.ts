// `npm run bench`: issue 7's figures (and issue 8 item 6) at a quarter, one and four times the large
// portfolio's child count, each size in its own process; prints a table, writes .bench/results.json.
// `--sizes 1` (comma-separated scales) runs fewer sizes; the read figures run at scale 1 only.
// Then issue 10's history figures (history-run.ts), whatever the sizes.
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runTsForResult } from './child-process.js'
import { FigureSet, sizeOf, type Figure } from './figures.js'
import { formatTable, loadWarning, machine, summarize, writeReport } from './report.js'
import { RETAINED_HEAP_LIMIT_MB } from './sync-measures.js'
import { JIRA_LATENCY_MS, workload } from './workload.js'

const RESULTS_FILE = fileURLToPath(new URL('../../.bench/results.json', import.meta.url))
/** How much more RSS the largest size's sync may take than the smallest's. */
const RSS_ALLOWANCE_MB = 64

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '0.25,1,4' } } })
const scales = values.sizes.split(',').map(Number)
if (scales.some((s) => !(s > 0))) throw new Error(`--sizes must list positive numbers, got ${values.sizes}`)

const started = new Date()
const loadAtStart = loadavg()
const figures: Figure[] = []
for (const scale of scales) {
  const w = workload(scale)
  process.stderr.write(`\n${w.label}: ${w.projects} projects, ${w.initiatives} initiatives, ${w.epics} epics, ${w.children} children\n`)
  const args = ['--scale', String(scale), ...(scale === 1 ? ['--http'] : [])]
  // --expose-gc: the RSS baseline is taken after a full collection.
  const result = await runTsForResult<{ figures: Figure[] }>('./size-run.ts', args, ['--expose-gc'])
  figures.push(...result.figures)
}
// Issue 10: two years of history on disk, and the history and forecast routes, in a process of their own.
process.stderr.write('\nhistory: two years for 2,000 epics; the history and forecast routes of a 20-epic initiative\n')
figures.push(...(await runTsForResult<{ figures: Figure[] }>('./history-run.ts', [])).figures)

// Pages are aggregated and dropped: memory must not follow the child count (issue 7 item 1).
// RSS also moves with the native allocator and SQLite by tens of megabytes from run to run, so
// its allowance is a fixed one, far below the ~270 MB the largest size's extra pages would take
// if they were kept (1.8 KB of JSON a child); the heap kept after the sync is the exact test.
const figure = (id: string, scale: number) => figures.find((f) => f.id === id && f.workload.scale === scale)?.value
const smallest = Math.min(...scales)
const largest = Math.max(...scales)
if (largest > smallest) {
  const cross = new FigureSet(sizeOf(workload(largest)))
  const sizes = `${workload(largest).label} vs ${workload(smallest).label}`
  const rssLow = figure('full_sync.rss_growth', smallest)
  const rssHigh = figure('full_sync.rss_growth', largest)
  if (rssLow !== undefined && rssHigh !== undefined) {
    cross.atMost('full_sync.rss_flat', `Full sync: RSS growth, ${sizes} (difference)`, rssHigh - rssLow, 'MB', RSS_ALLOWANCE_MB, `${rssLow} MB at ${workload(smallest).label}, ${rssHigh} MB at ${workload(largest).label}`)
  }
  const heapLow = figure('full_sync.heap_retained', smallest)
  const heapHigh = figure('full_sync.heap_retained', largest)
  if (heapLow !== undefined && heapHigh !== undefined && Number.isFinite(heapLow) && Number.isFinite(heapHigh)) {
    cross.atMost('full_sync.heap_flat', `Full sync: heap kept, ${sizes} (difference)`, heapHigh - heapLow, 'MB', RETAINED_HEAP_LIMIT_MB)
  }
  figures.push(...cross.figures)
}

const finished = new Date()
const report = {
  startedAt: started.toISOString(),
  finishedAt: finished.toISOString(),
  durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
  machine: machine(loadAtStart),
  jiraLatencyMs: JIRA_LATENCY_MS,
  database: 'sqlite',
  figures,
  summary: summarize(figures),
}
writeReport(RESULTS_FILE, report)
process.stdout.write(`\n${formatTable(figures)}\n\n`)
const warning = loadWarning(report)
if (warning) process.stdout.write(`${warning}\n`)
process.stdout.write(
  `${report.summary.pass} pass, ${report.summary.fail} fail, ${report.summary.info} for information; ${report.durationSeconds} s. Written to .bench/results.json\n`,
)
process.exitCode = report.summary.fail > 0 ? 1 : 0
