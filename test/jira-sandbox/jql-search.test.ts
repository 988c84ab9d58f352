// What JQL finds: each supported clause checked against the store as oracle, ORDER BY, and the
// operators' precedence (NOT over AND over OR).
import { startJiraSandbox, type JiraSandbox, type SandboxIssue } from './index.js'
import { client } from './jira-fetch.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>
let issues: SandboxIssue[]

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 3, dataset: { subtasksPerChild: 1 } })
  admin = client(sandbox.url, sandbox.accounts.admin)
  issues = sandbox.store.issues()
})
afterAll(() => sandbox.close())

async function keys(jql: string, fields: string[] = ['key']): Promise<string[]> {
  const res = await admin.post('/rest/api/3/search/jql', { jql, fields, maxResults: 5000 })
  expect(res.status, `${jql}: ${res.text}`).toBe(200)
  expect(res.json.isLast).toBe(true)
  return res.json.issues.map((i: { key: string }) => i.key)
}

const sorted = (list: string[]) => [...list].sort()
const where = (test: (i: SandboxIssue) => boolean) => sorted(issues.filter(test).map((i) => i.key))

test('parent in (...) finds the epics’ children and never their sub-tasks', async () => {
  const epics = sandbox.store.epics().slice(0, 5)
  const found = await keys(`parent in (${epics.map((e) => e.key).join(', ')})`)
  const expected = epics.flatMap((e) => sandbox.store.children(e.key).map((c) => c.key))
  expect(sorted(found)).toEqual(sorted(expected))
  expect(found.length).toBeGreaterThan(0)
  expect(issues.filter((i) => found.includes(i.key)).every((i) => i.hierarchyLevel === 0)).toBe(
    true,
  )
  const byIds = await keys(`parent in (${epics.map((e) => e.id).join(',')})`)
  expect(sorted(byIds)).toEqual(sorted(expected))
})

test('project by key, id and name; project in; !=', async () => {
  const pa = sandbox.store.project('PA')!
  const inPa = where((i) => i.projectKey === 'PA')
  expect(sorted(await keys('project = PA'))).toEqual(inPa)
  expect(sorted(await keys(`project = ${pa.id}`))).toEqual(inPa)
  expect(sorted(await keys(`project = "${pa.name}"`))).toEqual(inPa)
  expect(sorted(await keys('project = pa'))).toEqual(inPa)
  expect(sorted(await keys('project in (PA, PC)'))).toEqual(where((i) => i.projectKey !== 'PB'))
  expect(sorted(await keys('project != PA AND project in (PA, PB)'))).toEqual(
    where((i) => i.projectKey === 'PB'),
  )
  expect(sorted(await keys('project not in (PA) AND updated >= -3650d'))).toEqual(
    where((i) => i.projectKey !== 'PA'),
  )
})

test('issuetype by name covers every project’s own type; by id only that one', async () => {
  expect(sorted(await keys('issuetype = Epic'))).toEqual(where((i) => i.type === 'epic'))
  expect(sorted(await keys('type in (Story, bug)'))).toEqual(
    where((i) => i.type === 'story' || i.type === 'bug'),
  )
  const pbEpicType = sandbox.store.epics('PB')[0]!.issueTypeId
  expect(sorted(await keys(`issuetype = ${pbEpicType}`))).toEqual(
    where((i) => i.issueTypeId === pbEpicType),
  )
  expect(sorted(await keys('issuetype = Subtask'))).toEqual(where((i) => i.hierarchyLevel === -1))
  expect(sorted(await keys('issuetype in subTaskIssueTypes()'))).toEqual(
    where((i) => i.hierarchyLevel === -1),
  )
  expect(sorted(await keys('project = PB AND issuetype in standardIssueTypes()'))).toEqual(
    where((i) => i.projectKey === 'PB' && i.hierarchyLevel >= 0),
  )
})

test('status by name and id, statusCategory by key, name and id', async () => {
  expect(sorted(await keys('status = "In Progress"'))).toEqual(
    where((i) => i.status === 'In Progress'),
  )
  expect(sorted(await keys("status in ('To Do', done)"))).toEqual(
    where((i) => i.status === 'To Do' || i.status === 'Done'),
  )
  expect(sorted(await keys('status = 3'))).toEqual(
    where((i) => i.status === 'In Progress' && i.projectKey !== 'PB'),
  )
  const indeterminate = where((i) => i.statusCategory === 'indeterminate')
  expect(sorted(await keys('statusCategory = indeterminate'))).toEqual(indeterminate)
  expect(sorted(await keys('statusCategory = "In Progress"'))).toEqual(indeterminate)
  expect(sorted(await keys('statusCategory = 4'))).toEqual(indeterminate)
  expect(sorted(await keys('statusCategory != done AND project = PA'))).toEqual(
    where((i) => i.statusCategory !== 'done' && i.projectKey === 'PA'),
  )
})

test('key, id and issue clauses, and key ranges within a project', async () => {
  const [a, b] = issues
  expect(sorted(await keys(`key in (${a!.key}, ${b!.key})`))).toEqual(sorted([a!.key, b!.key]))
  expect(await keys(`id = ${a!.id}`)).toEqual([a!.key])
  expect(await keys(`issue = ${a!.key.toLowerCase()}`)).toEqual([a!.key])
  expect(sorted(await keys('issuekey > PA-5'))).toEqual(
    where((i) => i.projectKey === 'PA' && Number(i.key.split('-')[1]) > 5),
  )
  expect(sorted(await keys(`key != ${a!.key} AND project = PA`))).toEqual(
    where((i) => i.projectKey === 'PA' && i.key !== a!.key),
  )
})

test('parent is EMPTY, assignee is EMPTY, assignee = currentUser()', async () => {
  expect(sorted(await keys('parent is EMPTY AND project = PA'))).toEqual(
    where((i) => i.projectKey === 'PA' && i.parentId === null),
  )
  expect(sorted(await keys('assignee is EMPTY AND project = PB'))).toEqual(
    where((i) => i.projectKey === 'PB' && i.assigneeEmail === null),
  )
  expect(sorted(await keys('assignee = currentUser()'))).toEqual(
    where((i) => i.assigneeEmail === 'admin@sandbox.test'),
  )
  expect(sorted(await keys(`assignee in ("${sandbox.accounts.limited.accountId}")`))).toEqual(
    where((i) => i.assigneeEmail === 'limited@sandbox.test'),
  )
})

test('summary ~ and text ~ match words case-insensitively, with * for prefixes', async () => {
  const sample = issues.find((i) => i.type === 'story')!
  const word = sample.summary.split(' ')[1]!
  const hasWord = (w: string) => (i: SandboxIssue) =>
    i.summary
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .includes(w)
  expect(sorted(await keys(`summary ~ "${word.toUpperCase()}"`))).toEqual(
    where(hasWord(word.toLowerCase())),
  )
  const prefix = word.slice(0, 3).toLowerCase()
  const hasPrefix = (i: SandboxIssue) =>
    i.summary
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .some((w) => w.startsWith(prefix))
  expect(sorted(await keys(`text ~ "${prefix}*"`))).toEqual(where(hasPrefix))
  expect(sorted(await keys(`summary !~ "${prefix}*" AND project = PA`))).toEqual(
    where((i) => i.projectKey === 'PA' && !hasPrefix(i)),
  )
  expect(await keys('summary ~ "zzzunknownword"')).toEqual([])
})

test('NOT binds tighter than AND, and AND tighter than OR; parentheses, && || ! work', async () => {
  const paAll = where((i) => i.projectKey === 'PA')
  const pbEpics = where((i) => i.projectKey === 'PB' && i.type === 'epic')
  expect(sorted(await keys('project = PA OR project = PB AND issuetype = Epic'))).toEqual(
    sorted([...paAll, ...pbEpics]),
  )
  expect(sorted(await keys('(project = PA OR project = PB) AND issuetype = Epic'))).toEqual(
    where((i) => i.projectKey !== 'PC' && i.type === 'epic'),
  )
  expect(sorted(await keys('NOT issuetype = Epic AND project = PB'))).toEqual(
    where((i) => i.projectKey === 'PB' && i.type !== 'epic'),
  )
  expect(sorted(await keys('project = PA && !(issuetype = Epic || issuetype = Subtask)'))).toEqual(
    where((i) => i.projectKey === 'PA' && i.hierarchyLevel === 0),
  )
  expect(sorted(await keys('PROJECT = pa and ISSUETYPE = epic'))).toEqual(
    where((i) => i.projectKey === 'PA' && i.type === 'epic'),
  )
})

test('ORDER BY key, id/rank, created and updated (dates default to newest first)', async () => {
  const pa = issues.filter((i) => i.projectKey === 'PA')
  const number = (k: string) => Number(k.split('-')[1])
  const byKey = await keys('project = PA ORDER BY key')
  expect(byKey.map(number)).toEqual(pa.map((i) => number(i.key)).sort((x, y) => x - y))
  expect(await keys('project = PA ORDER BY key DESC')).toEqual([...byKey].reverse())
  expect(await keys('project = PA ORDER BY rank')).toEqual(byKey)
  const updated = pa.map((i) => [i.key, i.updated.getTime()] as const)
  const newestFirst = [...updated]
    .sort((x, y) => y[1] - x[1] || number(y[0]) - number(x[0]))
    .map(([k]) => k)
  expect(await keys('project = PA ORDER BY updated')).toEqual(newestFirst)
  const asc = await keys('project = PA ORDER BY updated ASC, key DESC')
  expect(asc.map((k) => updated.find(([kk]) => kk === k)![1])).toEqual(
    updated.map(([, t]) => t).sort((x, y) => x - y),
  )
  const createdDefault = await keys('project = PA ORDER BY created')
  expect(createdDefault.map((k) => issues.find((i) => i.key === k)!.created.getTime())).toEqual(
    pa.map((i) => i.created.getTime()).sort((x, y) => y - x),
  )
  const created = await keys('project in (PA, PB) ORDER BY created ASC')
  expect(created.map((k) => issues.find((i) => i.key === k)!.created.getTime())).toEqual(
    issues
      .filter((i) => i.projectKey !== 'PC')
      .map((i) => i.created.getTime())
      .sort((x, y) => x - y),
  )
})

test('approximate-count agrees with the search', async () => {
  const jql = 'statusCategory = done AND project in (PA, PB)'
  const count = (await admin.post('/rest/api/3/search/approximate-count', { jql })).json.count
  expect(count).toBe((await keys(jql)).length)
  expect(count).toBe(
    issues.filter((i) => i.statusCategory === 'done' && i.projectKey !== 'PC').length,
  )
})
