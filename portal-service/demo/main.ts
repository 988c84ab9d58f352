// `npm run demo`: the Jira sandbox and the portal on a fresh SQLite file, seeded, with every sign-in printed.
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from '../app.js'
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { createIntegration } from '../jira/integration.js'
import { createLogger } from '../log/logger.js'
import { DEMO_COMPANIES, DEMO_PASSWORD, DEMO_PEOPLE } from './demo-cast.js'
import { createDemoClock } from './demo-clock.js'
import { DEMO_HISTORY_WEEKS, playDemoHistory, rewindDemoWork } from './demo-history.js'
import { connectDemoWebhook } from './demo-webhook.js'
import { startDemoSite } from './demo-site.js'
import { seedDemo } from './seed-demo.js'

const DATA_DIR = resolve('data/demo')

async function main(): Promise<void> {
  // A fresh database every run, so the demo always starts from the same story.
  rmSync(DATA_DIR, { recursive: true, force: true })
  mkdirSync(DATA_DIR, { recursive: true })
  // The story starts twelve weeks ago: Jira and the portal share a clock that catches up with today.
  const clock = createDemoClock(-DEMO_HISTORY_WEEKS * 7 * 24 * 60 * 60 * 1000)
  const site = await startDemoSite({ port: Number(process.env.JIRA_SANDBOX_PORT ?? 0), clock: () => clock.now() })
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: `file:${DATA_DIR}/portal.sqlite`,
    HOST: process.env.HOST ?? '127.0.0.1',
    PORT: process.env.PORT ?? '8080',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // The sandbox is plain http on loopback; a real deployment never sets this.
    JIRA_ALLOW_INSECURE: '1',
    JIRA_GATEWAY_URL: site.sandbox.url,
    SYNC_INTERVAL_MINUTES: '1',
  })
  const log = createLogger({ level: config.logLevel })
  const db = openDatabase(config)
  await migrateToLatest(db)
  const core = { db, config, log, clock, secretKey: randomBytes(32) }
  const deps = { ...core, ...createIntegration(core) }
  const app = createApp(deps)
  const started = Date.now()
  const history = rewindDemoWork(site)
  const seeded = await seedDemo(deps, site)
  await playDemoHistory(deps, site, seeded, clock, history)
  clock.resume()
  process.stdout.write(`Played ${DEMO_HISTORY_WEEKS} weeks of Jira work through the sync in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`)
  deps.sync.start()

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => void (async () => {
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`
    // Now the portal has an address the sandbox can deliver to: a live Jira webhook for Digital Banking.
    const live = await connectDemoWebhook(deps, site, seeded, config.publicUrl?.origin ?? url)
    const { admin } = site.sandbox.accounts
    const rows = DEMO_PEOPLE.map((p) => {
      const role = p.role ? `${p.role}${p.company === 'globex' ? ' (external)' : ''}` : 'other company manager'
      return `  ${p.email.padEnd(22)} ${role.padEnd(24)} ${DEMO_COMPANIES[p.company].padEnd(16)} ${p.tryThis}`
    })
    process.stdout.write(`
Portfolio Bridge demo is running at ${url}

Sign in with any of these (password for all: ${DEMO_PASSWORD}):
  ${'email'.padEnd(22)} ${'role in Digital Banking'.padEnd(24)} ${'company'.padEnd(16)} try
${rows.join('\n')}

Portfolios: "Digital Banking" is connected to Jira (${seeded.linkedProjectKeys.join(', ')} linked, epics on 4 initiatives), with
${DEMO_HISTORY_WEEKS} weeks of history: burn-ups, changes and forecasts on each initiative, "Needs attention" on the landscape;
"Retail Expansion" is not: configure it in Portfolio Settings › Integrations with
  Jira Environment URL  ${site.sandbox.url}
  Account               ${admin.email}
  API Token             ${admin.token}      (anything else shows the wrong-token message)

Jira events are live for Digital Banking: the sandbox delivers a signed webhook for every change to its
linked projects, and the portal re-reads just the affected epics. Open
  ${live.initiativeUrl}
then change a child issue in "Jira" and watch its figures change within seconds (no Refresh needed):
  ${live.curl}
(Portfolio Settings › Integrations › Jira webhook shows the webhook and its deliveries.)

The Jira sandbox (a fake Jira Cloud) is at ${site.sandbox.url}; data is in ${DATA_DIR}. Ctrl-C stops both.
`)
  })().catch((error: unknown) => {
    process.stderr.write(`The demo could not set up its Jira webhook: ${error instanceof Error ? error.message : String(error)}\n`)
  }))

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    process.stdout.write('\nStopping the demo…\n')
    server.close()
    // As `npm start` does: queued change notices are hints, then the syncs under way finish.
    void deps.changes
      .stop()
      .then(() => deps.sync.stop())
      .then(() => db.destroy())
      .then(() => site.sandbox.close())
      .then(() => process.exit(0))
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`The demo could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
