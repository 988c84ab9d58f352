// The shared reader against the sandbox: epics, children, changes, in our records; and only reads.
import { JiraClient } from '../../shared/jira/client.js'
import { JiraReader } from '../../shared/jira/reader.js'
import { READ_ONLY_POST_PATHS } from '../../shared/jira/read-only.js'
import { createBasicAuthRequester } from '../../shared/jira/requester.js'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'

let sandbox: JiraSandbox
let now = new Date('2026-11-25T12:00:00Z')

beforeAll(async () => {
  sandbox = await startJiraSandbox({
    seed: 11,
    clock: () => now,
    dataset: { projects: 4, epicsPerProject: 6, childrenPerEpic: [0, 40], subtasksPerChild: 1 },
  })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.clearRequests())

function reader() {
  return new JiraReader(
    new JiraClient({
      requester: createBasicAuthRequester({ baseUrl: sandbox.url, email: sandbox.accounts.admin.email, apiToken: sandbox.accounts.admin.token }),
      retry: { baseDelayMs: 10 },
    }),
  )
}

async function allChildren(r: JiraReader, epicIds: string[]) {
  const children = []
  let cursor: string | null = null
  do {
    const page = await r.children({ epicIds, cursor })
    children.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return children
}

test('children of many epics in one query, sub-tasks left out, points from either field', async () => {
  const epics = sandbox.store.epics()
  const children = await allChildren(reader(), epics.map((e) => e.id))
  const expected = epics.flatMap((e) => sandbox.store.children(e.id)).filter((c) => c.hierarchyLevel === 0)
  expect(children.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort())
  for (const child of children) {
    const truth = sandbox.store.issue(child.id)!
    expect(child.epicId).toBe(truth.parentId)
    expect(child.statusCategory).toBe(truth.statusCategory)
    expect(child.storyPoints).toBe(truth.storyPoints)
  }
  // Some children carry estimates in each kind of project, some none.
  expect(children.some((c) => c.storyPoints !== null)).toBe(true)
  expect(children.some((c) => c.storyPoints === null)).toBe(true)
  const searches = sandbox.requests.filter((r) => r.path === '/rest/api/3/search/jql')
  expect(searches.length).toBe(Math.ceil(expected.length / 100))
})

test('epics are found by summary words and by key, only in the projects asked about', async () => {
  const r = reader()
  const target = sandbox.store.epics()[3]!
  const word = target.summary.split(' ').find((w) => w.length > 4)!
  const bySummary = await r.searchEpics({ projectKeys: [target.projectKey], query: word })
  expect(bySummary.items.map((e) => e.key)).toContain(target.key)
  expect(bySummary.items.every((e) => e.projectKey === target.projectKey && e.hierarchyLevel === 1)).toBe(true)
  const byKey = await r.searchEpics({ projectKeys: [target.projectKey], query: target.key.toLowerCase() })
  expect(byKey.items.map((e) => e.key)).toEqual([target.key])
  const otherProject = sandbox.store.projects().find((p) => p.key !== target.projectKey)!
  expect((await r.searchEpics({ projectKeys: [otherProject.key], query: target.key })).items).toEqual([])
})

test('changes: only issues updated in the window, with what the sync needs', async () => {
  const r = reader()
  now = new Date('2026-11-25T13:00:00Z')
  const child = sandbox.store.children(sandbox.store.epics()[0]!.id).find((c) => c.hierarchyLevel === 0)!
  sandbox.store.updateIssue(child.id, { status: 'Done' })
  now = new Date('2026-11-25T13:05:00Z')
  const page = await r.changes({ projectKeys: sandbox.store.projects().map((p) => p.key), sinceMinutes: 10 })
  expect(page.items.map((i) => i.id)).toEqual([child.id])
  expect(page.items[0]).toMatchObject({ parentId: child.parentId, status: { name: 'Done', category: 'done' }, hierarchyLevel: 0 })
  const none = await r.changes({ projectKeys: sandbox.store.projects().map((p) => p.key), sinceMinutes: 1 })
  expect(none.items).toEqual([])
})

test('every question the portal and the Forge app ask is a read', async () => {
  const r = reader()
  const projects = sandbox.store.projects()
  const epic = sandbox.store.epics()[0]!
  await r.account()
  await r.searchProjects({ query: projects[0]!.key })
  await r.projects(projects.map((p) => p.id))
  await r.projectsByKeys(projects.map((p) => p.key))
  await r.siteFacts()
  await r.searchEpics({ projectKeys: projects.map((p) => p.key), query: 'a' })
  await r.epics([epic.id, epic.key])
  await allChildren(r, [epic.id])
  await r.changes({ projectKeys: projects.map((p) => p.key), sinceMinutes: 60 })
  await r.client.tenantInfo()
  expect(sandbox.writes()).toEqual([])
  for (const request of sandbox.requests) {
    if (request.method !== 'GET') {
      expect(request.method).toBe('POST')
      expect(READ_ONLY_POST_PATHS).toContain(request.path)
    }
  }
  // Every reading method was exercised above: a new method must be added to this test.
  const methods = Object.getOwnPropertyNames(JiraReader.prototype).filter((m) => m !== 'constructor')
  expect(methods.sort()).toEqual(
    ['account', 'searchProjects', 'projects', 'projectsByKeys', 'siteFacts', 'searchEpics', 'epics', 'children', 'changes'].sort(),
  )
})
