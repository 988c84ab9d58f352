// Builds the portal (app, database, sync engine) in this process and sets up the large portfolio
// through the real services: connect, link projects, create initiatives, link epics. Not measured.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Kysely } from 'kysely'
import { createApp, type AppDeps, type AppEnv } from '../../portal-service/app.js'
import { createAccessToken } from '../../portal-service/auth/access-token.service.js'
import { systemClock } from '../../portal-service/clock.js'
import { createCompany } from '../../portal-service/companies/company.service.js'
import { loadConfig } from '../../portal-service/config.js'
import { openDatabase } from '../../portal-service/db/connect.js'
import type { Database } from '../../portal-service/db/database.js'
import { migrateToLatest } from '../../portal-service/db/migrate.js'
import * as epicsService from '../../portal-service/epics/epics.service.js'
import { createInitiative } from '../../portal-service/initiatives/initiative.service.js'
import { createIntegration } from '../../portal-service/jira/integration.js'
import { configureConnection } from '../../portal-service/jira/jira-connection.service.js'
import { createLogger } from '../../portal-service/log/logger.js'
import type { Actor } from '../../portal-service/policy/actor.js'
import { createPortfolio } from '../../portal-service/portfolios/portfolio.service.js'
import { createUser, toActor } from '../../portal-service/users/user.service.js'
import { DEMO_ACCOUNTS } from '../jira-sandbox/index.js'
import type { Workload } from './workload.js'

export interface BenchPortal {
  app: OpenAPIHono<AppEnv>
  deps: AppDeps
  db: Kysely<Database>
  actor: Actor
  portfolioId: string
  initiativeIds: string[]
  /** A personal access token of the portfolio's manager, for HTTP clients. */
  token: string
  /** Jira keys of the linked projects. */
  projectKeys: string[]
  close(): Promise<void>
}

/** The portal over a fresh SQLite file (the default deployment), talking to the sandbox at `jiraUrl`. */
export async function createBenchPortal(jiraUrl: string): Promise<BenchPortal> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-'))
  // Warnings only, to stderr: stdout carries the bench's JSON messages, and an access-log line
  // per request would be measured as part of every route alike.
  const log = createLogger({ level: 'warn', sink: (line) => process.stderr.write(`${line}\n`) })
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'portal.sqlite')}`, JIRA_ALLOW_INSECURE: '1', JIRA_GATEWAY_URL: jiraUrl })
  const db = openDatabase(config)
  await migrateToLatest(db)
  const clock = systemClock
  const secretKey = Buffer.alloc(32, 7)
  const integration = createIntegration({ db, config, log, clock, secretKey })
  const deps: AppDeps = { db, config, log, clock, secretKey, ...integration }
  const app = createApp(deps)

  const company = await createCompany(db, clock, null, 'Bench Company')
  const user = await createUser(
    db,
    clock,
    null,
    { email: 'bench@example.com', name: 'Bench Manager', password: 'bench-password-1', companyId: company.id, siteAdmin: false },
    { N: 1024, r: 8, p: 1 },
  )
  const actor = toActor(user)
  const portfolio = await createPortfolio(db, clock, actor, { name: 'Large portfolio', companyId: company.id })
  const { token } = await createAccessToken(db, clock, user.id, 'bench')
  return {
    app,
    deps,
    db,
    actor,
    portfolioId: portfolio.id,
    initiativeIds: [],
    token,
    projectKeys: [],
    async close() {
      await deps.sync.stop()
      await db.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Runs `task` over `items`, `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await task(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
}

/**
 * Connects the portfolio to the sandbox with `w.projects` projects, creates `w.initiatives`
 * initiatives and links every epic of those projects: 20 on the first initiative, the rest spread
 * evenly. Linking reads each epic's figures, as it does for people.
 */
export async function setUpLargePortfolio(portal: BenchPortal, jiraUrl: string, w: Workload): Promise<void> {
  const { deps, actor, portfolioId } = portal
  const projectKeys = Array.from({ length: w.projects }, (_, i) => `P${String.fromCharCode(65 + (i % 26))}`)
  if (w.projects > 26) throw new Error('the bench names at most 26 projects')
  const admin = DEMO_ACCOUNTS.admin
  await configureConnection(deps, actor, portfolioId, {
    siteUrl: jiraUrl,
    accountEmail: admin.email,
    apiToken: admin.token,
    projectKeys,
  })
  await deps.sync.idle()
  portal.projectKeys = projectKeys

  for (let i = 0; i < w.initiatives; i++) {
    const initiative = await createInitiative(deps.db, deps.clock, actor, portfolioId, { name: `Initiative ${i + 1}` })
    portal.initiativeIds.push(initiative.id)
  }

  const epicKeys: string[] = []
  let cursor: string | undefined
  do {
    const page = await epicsService.searchEpics(deps, portfolioId, { cursor })
    epicKeys.push(...page.epics.map((e) => e.key))
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  if (epicKeys.length !== w.epics) throw new Error(`expected ${w.epics} epics in the linked projects, found ${epicKeys.length}`)

  const first = w.epicsOnFirstInitiative
  const others = portal.initiativeIds.length - 1
  await eachLimited(epicKeys, 4, async (key, j) => {
    const initiative = j < first ? portal.initiativeIds[0]! : portal.initiativeIds[1 + ((j - first) % others)]!
    await epicsService.linkEpic(deps, actor, portfolioId, initiative, key)
  })
}
