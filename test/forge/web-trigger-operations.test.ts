// Each web trigger operation over the sandbox, as the app: the shared reader's answers, restricted to the allow-list, and Jira's failures as envelopes.
import { kvs } from '@forge/kvs'
import { installForgeRuntime, type ForgeRuntime } from '../../forge-app/local/forge-runtime.js'
import { OPERATIONS, type OperationName } from '../../shared/contract/operations.js'
import { generateSecret } from '../../shared/contract/secret.js'
import { JiraClient } from '../../shared/jira/client.js'
import { JiraReader } from '../../shared/jira/reader.js'
import { createBasicAuthRequester } from '../../shared/jira/requester.js'
import { startJiraSandbox, type JiraSandbox, type SandboxIssue, type SandboxProject } from '../jira-sandbox/index.js'
import { callWebTrigger, signedCall } from './portal-caller.js'

const SECRET = generateSecret()

let sandbox: JiraSandbox
let runtime: ForgeRuntime
let allowed: SandboxProject[]
let other: SandboxProject
/** The shared reader straight over Basic auth: what the app must agree with. */
let direct: JiraReader

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 21, dataset: { projects: 4, epicsPerProject: 3, childrenPerEpic: [20, 40], subtasksPerChild: 1, extraProjects: 3 } })
  const projects = sandbox.store.projects()
  allowed = projects.slice(0, 2)
  other = projects[2]!
  const { admin } = sandbox.accounts
  direct = new JiraReader(new JiraClient({ requester: createBasicAuthRequester({ baseUrl: sandbox.url, email: admin.email, apiToken: admin.token }) }))
})
afterAll(() => sandbox.close())

beforeEach(async () => {
  const { admin } = sandbox.accounts
  runtime = installForgeRuntime({ jira: { baseUrl: sandbox.url, email: admin.email, apiToken: admin.token } })
  await kvs.setSecret('portal-secret', SECRET)
  await kvs.set('allow-list', {
    projects: allowed.map(({ id, key, name }) => ({ id, key, name })),
    updatedAt: '2026-03-02T12:00:00.000Z',
    updatedBy: 'admin-account',
  })
  sandbox.faults.clear()
  sandbox.clearRequests()
})
afterEach(() => runtime.uninstall())

/** Sends one operation, signed, and checks a success against the contract's schema. */
async function ask(operation: OperationName, params: Record<string, unknown> = {}) {
  const answer = await callWebTrigger(await signedCall({ operation, ...params }, { secret: SECRET }), sandbox.cloudId)
  if (answer.status === 200) OPERATIONS[operation].response.parse(answer.body.data)
  return answer
}

async function data(operation: OperationName, params: Record<string, unknown> = {}) {
  const answer = await ask(operation, params)
  expect(answer).toMatchObject({ status: 200, body: { ok: true } })
  return answer.body.data
}

const searches = () => sandbox.requests.filter((r) => r.path === '/rest/api/3/search/jql')
const epicsOf = (project: SandboxProject): SandboxIssue[] => sandbox.store.epics(project.key)
const notAllowed = { status: 403, body: { ok: false, error: { kind: 'not_allowed', message: expect.stringContaining('allow-list') } } }

describe('projects', () => {
  test('searchProjects lists only allowed projects, as Jira names them, searched and paged', async () => {
    const all = await data('searchProjects')
    expect(all.projects.map((p: { key: string }) => p.key)).toEqual(allowed.map((p) => p.key).sort())
    expect(all).toMatchObject({ startAt: 0, total: 2, isLast: true })
    expect(all.projects).toEqual(await direct.projects(allowed.map((p) => p.id)).then((ps) => ps.sort((a, b) => a.key.localeCompare(b.key))))
    const byName = await data('searchProjects', { query: allowed[1]!.name.slice(0, 5).toLowerCase() })
    expect(byName.projects.map((p: { key: string }) => p.key)).toContain(allowed[1]!.key)
    expect((await data('searchProjects', { query: other.key })).projects).toEqual([])
    const first = await data('searchProjects', { maxResults: 1 })
    const second = await data('searchProjects', { maxResults: 1, startAt: 1 })
    expect([first.isLast, second.isLast]).toEqual([false, true])
    expect([...first.projects, ...second.projects]).toEqual(all.projects)
  })

  test('projects and projectsByKeys leave out what is not allowed', async () => {
    expect((await data('projects', { ids: [allowed[0]!.id, other.id] })).map((p: { id: string }) => p.id)).toEqual([allowed[0]!.id])
    expect(await data('projects', { ids: [other.id] })).toEqual([])
    expect((await data('projectsByKeys', { keys: [other.key, allowed[1]!.key] })).map((p: { key: string }) => p.key)).toEqual([allowed[1]!.key])
  })
})

describe('epics', () => {
  test('searchEpics answers like the reader over allowed projects, and refuses any other project before searching', async () => {
    const keys = allowed.map((p) => p.key)
    const page = await data('searchEpics', { projectKeys: keys })
    expect(page).toEqual(await direct.searchEpics({ projectKeys: keys }))
    expect(page.items.length).toBeGreaterThan(0)
    sandbox.clearRequests()
    expect(await ask('searchEpics', { projectKeys: [allowed[0]!.key, other.key] })).toMatchObject(notAllowed)
    expect(searches()).toEqual([])
    // An epic key of another project finds nothing among the allowed ones.
    expect((await data('searchEpics', { projectKeys: keys, query: epicsOf(other)[0]!.key })).items).toEqual([])
  })

  test('epics returns allowed ones and leaves the others out, as if the app could not see them', async () => {
    const mine = epicsOf(allowed[0]!)[0]!
    const theirs = epicsOf(other)[0]!
    const epics = await data('epics', { idsOrKeys: [mine.key, theirs.id] })
    expect(epics).toEqual(await direct.epics([mine.key]))
  })

  test('children of allowed epics, wherever the children live; an epic of another project is refused before searching', async () => {
    const epic = epicsOf(allowed[0]!)[0]!
    const elsewhere = sandbox.store.createIssue({ projectKey: other.key, type: 'story', summary: 'Done by another team', parent: epic.key })
    sandbox.store.flushSearchIndex()
    const page = await data('children', { epicIds: [epic.id] })
    expect(page).toEqual(await direct.children({ epicIds: [epic.id] }))
    expect(page.items.map((c: { id: string }) => c.id)).toContain(elsewhere.id)
    sandbox.clearRequests()
    expect(await ask('children', { epicIds: [epic.id, epicsOf(other)[1]!.id] })).toMatchObject(notAllowed)
    expect(searches()).toEqual([])
    sandbox.store.deleteIssue(elsewhere.id)
  })

  test('children pages follow the cursor to the end', async () => {
    const ids = allowed.flatMap((p) => epicsOf(p).map((e) => e.id))
    const items = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await data('children', { epicIds: ids, cursor })
      items.push(...page.items)
      cursor = page.nextCursor
      pages++
    } while (cursor)
    const expected = ids.flatMap((id) => sandbox.store.children(id)).filter((c) => c.hierarchyLevel === 0)
    expect(items.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort())
    expect(pages).toBeGreaterThan(1)
  })

  test('changes answers like the reader for allowed projects, and refuses others', async () => {
    const keys = allowed.map((p) => p.key)
    const page = await data('changes', { projectKeys: keys, sinceMinutes: 60 * 24 * 30 })
    expect(page).toEqual(await direct.changes({ projectKeys: keys, sinceMinutes: 60 * 24 * 30 }))
    expect(await ask('changes', { projectKeys: [other.key], sinceMinutes: 10 })).toMatchObject(notAllowed)
  })

  test('an allowed project renamed since it was picked is still allowed under its new key', async () => {
    const project = allowed[1]!
    const renamed = `${project.key}X`
    sandbox.store.renameProjectKey(project.key, renamed)
    try {
      expect(await ask('changes', { projectKeys: [renamed], sinceMinutes: 10 })).toMatchObject({ status: 200 })
      expect(await ask('changes', { projectKeys: [`${other.key}`], sinceMinutes: 10 })).toMatchObject(notAllowed)
    } finally {
      sandbox.store.renameProjectKey(renamed, project.key)
    }
  })
})

describe('site facts', () => {
  test('siteFacts is what the reader finds; facts sent along spare the field and issue type calls', async () => {
    const facts = await data('siteFacts')
    expect(facts).toEqual(await direct.siteFacts())
    sandbox.clearRequests()
    await data('children', { epicIds: [epicsOf(allowed[0]!)[0]!.id], facts })
    await data('changes', { projectKeys: [allowed[0]!.key], sinceMinutes: 10, facts })
    expect(sandbox.requests.map((r) => r.path).filter((path) => path === '/rest/api/3/field' || path === '/rest/api/3/issuetype')).toEqual([])
  })

  test('account names the app itself, with no Jira call (the app has no read:jira-user scope)', async () => {
    const account = await data('account')
    expect(account).toEqual({ accountId: expect.stringMatching(/^ari:cloud:ecosystem::app\//), displayName: 'Portfolio Bridge (Forge app)', emailAddress: null, timeZone: null })
    expect(runtime.jiraCalls).toEqual([])
  })
})

describe("Jira's failures travel as their kind", () => {
  test('a query Jira refuses is bad_request with Jira’s own words', async () => {
    const answer = await ask('children', { epicIds: ['99999999'] })
    expect(answer).toMatchObject({ status: 502, body: { ok: false, error: { kind: 'bad_request', jiraMessages: [expect.stringMatching(/does not exist/)] } } })
  })

  test('a long Retry-After is not waited for: rate_limited, with the wait Jira asked for', async () => {
    sandbox.faults.add({ match: { path: '/rest/api/3/issue/bulkfetch' }, kind: 'status', status: 429, retryAfter: 30 })
    const answer = await ask('epics', { idsOrKeys: [epicsOf(allowed[0]!)[0]!.id] })
    expect(answer).toMatchObject({ status: 502, body: { ok: false, error: { kind: 'rate_limited', retryAfterMs: 30_000 } } })
  })

  test('Jira down is unavailable, after one quick retry', async () => {
    sandbox.faults.add({ match: { path: '/rest/api/3/issue/bulkfetch' }, kind: 'status', status: 503 })
    const answer = await ask('epics', { idsOrKeys: [epicsOf(allowed[0]!)[0]!.id] })
    expect(answer).toMatchObject({ status: 502, body: { ok: false, error: { kind: 'unavailable' } } })
    expect(sandbox.requests.filter((r) => r.path === '/rest/api/3/issue/bulkfetch')).toHaveLength(2)
  })
})
