// Child process: the Jira sandbox with the bench dataset at `--scale`, so its memory and CPU are
// not the portal's. Prints one JSON line `{url, issues, projects}` when ready; SIGTERM stops it.
import { parseArgs } from 'node:util'
import { startJiraSandbox } from '../jira-sandbox/index.js'
import { datasetFor, workload } from './workload.js'

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '7' } } })
const scale = Number(values.scale)
if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${values.scale}`)

// Measurements switch latency on through the control API; setup runs at full speed.
const sandbox = await startJiraSandbox({ seed: Number(values.seed), dataset: datasetFor(workload(scale)), latencyMs: 0 })
process.stdout.write(
  `${JSON.stringify({ url: sandbox.url, issues: sandbox.store.live.size, projects: sandbox.store.projects().length })}\n`,
)

const stop = () => void sandbox.close().then(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
// The parent may die without a signal: leave with it rather than linger on a port.
process.on('disconnect', stop)
