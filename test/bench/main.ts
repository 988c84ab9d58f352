// `npm run bench`: issue 7's figures (and issue 8 item 6) at a quarter, one and four times the large
// portfolio's child count, each size in its own process; prints a table, writes .bench/results.json.
// `--sizes 1` (comma-separated scales) runs fewer sizes; the read figures run at scale 1 only.
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runTsForResult } from './child-process.js'
import { FigureSet, sizeOf, type Figure } from './figures.js'
import { formatTable, loadWarning, machine, summarize, writeReport } from './report.js'
import { RSS_LIMIT_MB } from './sync-measures.js'
import { JIRA_LATENCY_MS, workload } from './workload.js'

const RESULTS_FILE = fileURLToPath(new URL('../../.bench/results.json', import.meta.url))
/** Extra resident memory allowed per extra child between the smallest and largest size. */
const BYTES_PER_EXTRA_CHILD = 100

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

// Pages are aggregated and dropped: memory must not follow the child count (issue 7 item 1).
const growth = (scale: number) => figures.find((f) => f.id === 'full_sync.rss_growth' && f.workload.scale === scale)?.value
const smallest = Math.min(...scales)
const largest = Math.max(...scales)
const low = growth(smallest)
const high = growth(largest)
if (low !== undefined && high !== undefined && largest > smallest) {
  const cross = new FigureSet(sizeOf(workload(largest)))
  const extraChildren = workload(largest).children - workload(smallest).children
  const allowed = low + (BYTES_PER_EXTRA_CHILD * extraChildren) / (1024 * 1024)
  cross.atMost(
    'full_sync.rss_flat',
    `Full sync: RSS growth at ${workload(largest).label} vs ${workload(smallest).label}`,
    high,
    'MB',
    Math.min(allowed, RSS_LIMIT_MB),
    `${low} MB at ${workload(smallest).label}; < ${BYTES_PER_EXTRA_CHILD} B per extra child`,
  )
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
