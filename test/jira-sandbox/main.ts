// `npm run jira-sandbox`: runs the sandbox standalone and prints its URL and demo credentials.
// Flags (or env): --port (JIRA_SANDBOX_PORT, default 4711), --seed (JIRA_SANDBOX_SEED),
// --latency ms (JIRA_SANDBOX_LATENCY), --lag ms (JIRA_SANDBOX_LAG), --dataset demo|generated (JIRA_SANDBOX_DATASET).
import { parseArgs } from 'node:util'
import { DEMO_ACCOUNTS } from './model/dataset.js'
import { startJiraSandbox } from './sandbox.js'
import type { DatasetSpec } from './types.js'

const DEMO_DATASET: Partial<DatasetSpec> = {
  projects: 6,
  epicsPerProject: 5,
  childrenPerEpic: [0, 10],
  subtasksPerChild: 1,
  names: 'demo',
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.JIRA_SANDBOX_PORT ?? '4711' },
    host: { type: 'string', default: process.env.JIRA_SANDBOX_HOST ?? '127.0.0.1' },
    seed: { type: 'string', default: process.env.JIRA_SANDBOX_SEED ?? '1' },
    latency: { type: 'string', default: process.env.JIRA_SANDBOX_LATENCY ?? '0' },
    lag: { type: 'string', default: process.env.JIRA_SANDBOX_LAG ?? '0' },
    dataset: { type: 'string', default: process.env.JIRA_SANDBOX_DATASET ?? 'generated' },
  },
})

const number = (name: string, text: string): number => {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got '${text}'`)
    process.exit(2)
  }
  return n
}
if (values.dataset !== 'demo' && values.dataset !== 'generated') {
  console.error(`--dataset must be 'demo' or 'generated', got '${values.dataset}'`)
  process.exit(2)
}

const sandbox = await startJiraSandbox({
  host: values.host,
  port: number('port', values.port),
  seed: number('seed', values.seed),
  latencyMs: number('latency', values.latency),
  searchIndexLagMs: number('lag', values.lag),
  dataset: values.dataset === 'demo' ? DEMO_DATASET : {},
})

const first = sandbox.store.projects()[0]?.key ?? '(none)'
const { admin, limited, scoped } = DEMO_ACCOUNTS
console.log(`Jira sandbox at ${sandbox.url}  (cloud id ${sandbox.cloudId}, seed ${values.seed}, ${sandbox.store.projects().length} projects)

Accounts (HTTP Basic, email:token):
  ${admin.email.padEnd(22)} ${admin.token.padEnd(24)} sees every project
  ${limited.email.padEnd(22)} ${limited.token.padEnd(24)} sees ${first} only
  ${scoped.email.padEnd(22)} ${scoped.token.padEnd(24)} scoped token: only via ${sandbox.url}/ex/jira/${sandbox.cloudId}

Try:
  curl -u ${admin.email}:${admin.token} ${sandbox.url}/rest/api/3/myself
  curl -u ${admin.email}:wrong ${sandbox.url}/rest/api/3/myself        # 401
  curl -u ${admin.email}:${admin.token} '${sandbox.url}/rest/api/3/search/jql?jql=project=${first}&fields=summary,status'

Control API (no auth, loopback only): ${sandbox.url}/_sandbox/   Ctrl-C stops.`)

const stop = () => {
  void sandbox.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
