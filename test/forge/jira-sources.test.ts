// Both JiraSource adapters against the same sandbox data: each checked against Jira's truth, then against each other, answer for answer.
import { createApiTokenSource, type JiraTransport } from '../../portal-service/jira/api-token-source.js'
import { createForgeSource } from '../../portal-service/jira/forge-source.js'
import type { JiraSource } from '../../portal-service/jira/jira-source.js'
import { createSafeFetch } from '../../portal-service/jira/safe-fetch.js'
import { startJiraSandbox, type DatasetSpec, type JiraSandbox } from '../jira-sandbox/index.js'
import { allPages, runJiraSourceCases, type SourceUnderTest } from '../jira-source.case.js'
import { startForgeApp, type ForgeAppFixture } from '../support/forge-app.js'

// 3 readable projects of 40 epics: more epics than one web trigger call takes (100).
const DATASET: Partial<DatasetSpec> = { projects: 4, teamManagedEvery: 2, epicsPerProject: 40, childrenPerEpic: [0, 6], subtasksPerChild: 1, extraProjects: 2 }
const SEED = 31

function transport(sandbox: JiraSandbox): JiraTransport {
  return { fetch: createSafeFetch({ allowInsecure: true }), gatewayUrl: sandbox.url, timeoutMs: 10_000, retry: { baseDelayMs: 10, maxDelayMs: 50 } }
}

function apiTokenSource(sandbox: JiraSandbox): JiraSource {
  const { admin } = sandbox.accounts
  return createApiTokenSource({ siteUrl: sandbox.url, authRoute: 'site', cloudId: null, accountEmail: admin.email, apiToken: admin.token }, transport(sandbox))
}

/** The Forge app on loopback over `sandbox`, allowing its first three projects, and a source asking it. */
async function forgeApp(sandbox: JiraSandbox): Promise<{ fixture: ForgeAppFixture; source: () => JiraSource }> {
  const fixture = await startForgeApp(sandbox, sandbox.store.projects().slice(0, 3))
  return { fixture, source: () => createForgeSource({ webTriggerUrl: fixture.webTriggerUrl, secret: fixture.secret }, transport(sandbox)) }
}

runJiraSourceCases('API token', async () => {
  const sandbox = await startJiraSandbox({ seed: SEED, dataset: DATASET })
  return { sandbox, projects: sandbox.store.projects().slice(0, 3), source: () => apiTokenSource(sandbox), close: () => sandbox.close() }
})

runJiraSourceCases('Forge app', async (): Promise<SourceUnderTest> => {
  const sandbox = await startJiraSandbox({ seed: SEED, dataset: DATASET })
  const app = await forgeApp(sandbox)
  return {
    sandbox,
    projects: sandbox.store.projects().slice(0, 3),
    source: app.source,
    async close() {
      await app.fixture.close()
      await sandbox.close()
    },
  }
})

describe('the two adapters on one sandbox', () => {
  let sandbox: JiraSandbox
  let app: Awaited<ReturnType<typeof forgeApp>>
  beforeAll(async () => {
    sandbox = await startJiraSandbox({ seed: SEED, dataset: DATASET })
    app = await forgeApp(sandbox)
  })
  afterAll(async () => {
    await app.fixture.close()
    await sandbox.close()
  })

  test('give identical projects, facts, epics, children and changes', async () => {
    const token = apiTokenSource(sandbox)
    const forge = app.source()
    const projects = sandbox.store.projects().slice(0, 3)
    const keys = projects.map((p) => p.key)
    const ids = projects.map((p) => p.id)
    const same = async <T>(read: (source: JiraSource) => Promise<T>) => expect(await read(forge)).toEqual(await read(token))
    await same((s) => s.projects(ids))
    await same((s) => s.projectsByKeys(keys))
    await same((s) => s.siteFacts())
    await same((s) => allPages((cursor) => s.searchEpics({ projectKeys: keys, cursor })))
    const epicIds = projects.flatMap((p) => sandbox.store.epics(p.key)).map((e) => e.id)
    await same((s) => s.epics(epicIds))
    const sorted = <T extends { id: string }>(items: T[]) => items.sort((a, b) => a.id.localeCompare(b.id))
    await same(async (s) => sorted(await allPages((cursor) => s.children({ epicIds, cursor }))))
    await same(async (s) => sorted(await allPages((cursor) => s.changes({ projectKeys: keys, sinceMinutes: 60 * 24 * 365 * 3, cursor }))))
  })

  test('the Forge source sees only the allow-list where the token sees the whole site', async () => {
    const other = sandbox.store.projects()[3]!
    expect((await apiTokenSource(sandbox).projects([other.id])).map((p) => p.key)).toEqual([other.key])
    expect(await app.source().projects([other.id])).toEqual([])
    const search = await app.source().searchProjects({})
    expect(search.projects.map((p) => p.key)).toEqual(sandbox.store.projects().slice(0, 3).map((p) => p.key).sort())
  })
})
