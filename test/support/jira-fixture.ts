// A portfolio with people in every role, an app over a fresh database, and the Jira sandbox.
import type { DatasetSpec, JiraSandbox, SandboxOptions } from '../jira-sandbox/index.js'
import { startJiraSandbox } from '../jira-sandbox/index.js'
import { createTestApp, type SessionClient, type TestApp, type TestAppOptions } from './test-app.js'
import type { Dialect } from './test-database.js'

export interface Cast {
  manager: SessionClient
  contributor: SessionClient
  viewer: SessionClient
  /** A manager from another company: external, whatever the role. */
  externalManager: SessionClient
  /** Same company, not a member. */
  nonMember: SessionClient
}

export interface JiraFixture {
  t: TestApp
  sandbox: JiraSandbox
  people: Cast
  portfolioId: string
  /** Sandbox credentials as the configuration wizard takes them. */
  credentials: { siteUrl: string; accountEmail: string; apiToken: string }
  api: (path?: string) => string
  /** Connects the portfolio with these projects (PUT /jira) and waits for the first sync. */
  connect(projectKeys: string[]): Promise<void>
  createInitiative(name?: string): Promise<string>
  linkEpic(initiativeId: string, epicKey: string, as?: SessionClient): Promise<void>
  /** Waits for every sync the engine has started. */
  settle(): Promise<void>
  destroy(): Promise<void>
}

export const SMALL_SITE: Partial<DatasetSpec> = {
  projects: 4,
  teamManagedEvery: 2,
  epicsPerProject: 5,
  childrenPerEpic: [0, 25],
  subtasksPerChild: 1,
  extraProjects: 60,
}

export async function createJiraFixture(
  dialect: Dialect,
  options: { sandbox?: SandboxOptions; app?: TestAppOptions } = {},
): Promise<JiraFixture> {
  // Jira and the portal share one clock, so "updated in the last N minutes" means the same to both.
  let appClock: TestApp['clock'] | undefined
  const sandbox = await startJiraSandbox({
    seed: 3,
    dataset: SMALL_SITE,
    clock: () => appClock?.now() ?? new Date(),
    ...options.sandbox,
  })
  const t = await createTestApp(dialect, {
    ...options.app,
    env: { JIRA_GATEWAY_URL: sandbox.url, ...options.app?.env },
  })
  t.clock.set(new Date())
  appClock = t.clock
  const company = await t.createCompany()
  const other = await t.createCompany()
  const manager = await t.newSession({ companyId: company.id })
  const portfolio = await manager.post('/api/portfolios', { name: 'Digital Platform', companyId: company.id })
  if (portfolio.status !== 201) throw new Error(`portfolio: ${JSON.stringify(portfolio.body)}`)
  const portfolioId: string = portfolio.body.id
  const member = async (companyId: string, role: string) => {
    const session = await t.newSession({ companyId })
    const added = await manager.post(`/api/portfolios/${portfolioId}/members`, { userId: session.user.id, role })
    if (added.status !== 201) throw new Error(`member: ${JSON.stringify(added.body)}`)
    return session
  }
  const people: Cast = {
    manager,
    contributor: await member(company.id, 'contributor'),
    viewer: await member(company.id, 'viewer'),
    externalManager: await member(other.id, 'manager'),
    nonMember: await t.newSession({ companyId: company.id }),
  }
  const api = (path = '') => `/api/portfolios/${portfolioId}${path}`
  const credentials = {
    siteUrl: sandbox.url,
    accountEmail: sandbox.accounts.admin.email,
    apiToken: sandbox.accounts.admin.token,
  }
  const fixture: JiraFixture = {
    t,
    sandbox,
    people,
    portfolioId,
    credentials,
    api,
    async connect(projectKeys) {
      const response = await manager.call('PUT', api('/jira'), { body: { ...credentials, projectKeys } })
      if (response.status !== 201) throw new Error(`connect: ${response.status} ${JSON.stringify(response.body)}`)
      await fixture.settle()
    },
    async createInitiative(name = 'Checkout revamp') {
      const response = await manager.post(api('/initiatives'), { name })
      if (response.status !== 201) throw new Error(`initiative: ${JSON.stringify(response.body)}`)
      return response.body.id
    },
    async linkEpic(initiativeId, epicKey, as = manager) {
      const response = await as.post(api(`/initiatives/${initiativeId}/epics`), { epicKey })
      if (response.status !== 201) throw new Error(`link ${epicKey}: ${response.status} ${JSON.stringify(response.body)}`)
    },
    settle: () => t.deps.sync.idle(),
    async destroy() {
      await t.destroy()
      await sandbox.close()
    },
  }
  return fixture
}
