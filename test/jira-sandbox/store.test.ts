// The store's mutation API: what tests use to play people working in Jira, seen through the REST API.
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { client } from './jira-fetch.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>
let now = Date.parse('2026-11-25T10:00:00Z')

beforeAll(async () => {
  sandbox = await startJiraSandbox({ clock: () => new Date(now) })
  admin = client(sandbox.url, sandbox.accounts.admin)
})
afterAll(() => sandbox.close())

const bulk = async (
  idsOrKeys: string[],
  fields = [
    'summary',
    'status',
    'parent',
    'project',
    'issuetype',
    'customfield_10016',
    'customfield_10028',
    'assignee',
  ],
) =>
  (await admin.post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: idsOrKeys, fields })).json
    .issues
const search = async (jql: string) =>
  (
    await admin.post('/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 5000 })
  ).json.issues.map((i: { key: string }) => i.key)

test('createIssue makes an issue with the clock’s stamps, in the project’s own types', async () => {
  now += 60_000
  const epic = sandbox.store.createIssue({
    projectKey: 'PB',
    type: 'epic',
    summary: 'New epic',
    status: 'In Progress',
  })
  const story = sandbox.store.createIssue({
    projectKey: 'PB',
    type: 'story',
    summary: 'First story',
    parent: epic.key,
    storyPoints: 5,
    assigneeEmail: 'limited@sandbox.test',
  })
  expect(story).toMatchObject({
    projectKey: 'PB',
    parentKey: epic.key,
    hierarchyLevel: 0,
    status: 'To Do',
    statusCategory: 'new',
    storyPoints: 5,
  })
  expect(story.created.getTime()).toBe(now)
  const [e, s] = await bulk([epic.key, story.key])
  expect(e.fields.issuetype).toMatchObject({ name: 'Epic', hierarchyLevel: 1 })
  expect(e.fields.status.statusCategory.key).toBe('indeterminate')
  expect(s.fields.parent.key).toBe(epic.key)
  expect(s.fields.customfield_10016).toBe(5)
  expect(s.fields).not.toHaveProperty('customfield_10028')
  expect(s.fields.assignee.emailAddress).toBe('limited@sandbox.test')
  expect(await search(`parent = ${epic.key}`)).toEqual([story.key])
  expect(sandbox.store.children(epic.key).map((c) => c.key)).toEqual([story.key])
})

test('createIssue refuses what Jira would', () => {
  const epic = sandbox.store.epics('PA')[0]!
  const story =
    sandbox.store.children(epic.key)[0] ??
    sandbox.store.createIssue({ projectKey: 'PA', type: 'story', summary: 's', parent: epic.key })
  expect(() =>
    sandbox.store.createIssue({ projectKey: 'PA', type: 'subtask', summary: 'orphan' }),
  ).toThrow(/needs a parent/)
  expect(() =>
    sandbox.store.createIssue({ projectKey: 'PA', type: 'story', summary: 'x', parent: story.key }),
  ).toThrow(/must be an epic/)
  expect(() =>
    sandbox.store.createIssue({
      projectKey: 'PA',
      type: 'subtask',
      summary: 'x',
      parent: epic.key,
    }),
  ).toThrow(/standard issue/)
  expect(() =>
    sandbox.store.createIssue({ projectKey: 'NOPE', type: 'task', summary: 'x' }),
  ).toThrow(/No project/)
  expect(() =>
    sandbox.store.createIssue({ projectKey: 'PA', type: 'task', summary: 'x', status: 'Blocked' }),
  ).toThrow(/no status/)
  expect(() =>
    sandbox.store.createIssue({
      projectKey: 'PA',
      type: 'task',
      summary: 'x',
      assigneeEmail: 'ghost@x.test',
    }),
  ).toThrow(/No account/)
})

test('updateIssue changes fields, stamps updated and statuscategorychangedate', async () => {
  const issue = sandbox.store.createIssue({ projectKey: 'PA', type: 'task', summary: 'Before' })
  now += 60_000
  const updated = sandbox.store.updateIssue(issue.key, {
    summary: 'After',
    status: 'Done',
    storyPoints: 3,
    assigneeEmail: 'admin@sandbox.test',
  })
  expect(updated).toMatchObject({
    summary: 'After',
    status: 'Done',
    statusCategory: 'done',
    storyPoints: 3,
    assigneeEmail: 'admin@sandbox.test',
  })
  expect(updated.updated.getTime()).toBe(now)
  const [json] = await bulk(
    [issue.key],
    ['summary', 'customfield_10028', 'statuscategorychangedate', 'resolution'],
  )
  expect(json.fields).toMatchObject({
    summary: 'After',
    customfield_10028: 3,
    resolution: { name: 'Done' },
  })
  expect(Date.parse(json.fields.statuscategorychangedate.replace(/(\d{2})(\d{2})$/, '$1:$2'))).toBe(
    now,
  )
  const epic = sandbox.store.epics('PA')[0]!
  sandbox.store.updateIssue(issue.key, { parent: epic.key })
  expect(await search(`parent = ${epic.key} AND key = ${issue.key}`)).toEqual([issue.key])
  sandbox.store.updateIssue(issue.key, { parent: null, assigneeEmail: null, storyPoints: null })
  expect(sandbox.store.issue(issue.key)).toMatchObject({
    parentId: null,
    assigneeEmail: null,
    storyPoints: null,
  })
})

test('deleting an epic clears its children’s parent without touching their updated; deleting a story takes its sub-tasks', async () => {
  const epic = sandbox.store.createIssue({ projectKey: 'PC', type: 'epic', summary: 'Doomed epic' })
  const story = sandbox.store.createIssue({
    projectKey: 'PC',
    type: 'story',
    summary: 'Orphan-to-be',
    parent: epic.key,
  })
  const subtask = sandbox.store.createIssue({
    projectKey: 'PC',
    type: 'subtask',
    summary: 'Sub',
    parent: story.key,
  })
  now += 60_000
  sandbox.store.deleteIssue(epic.key)
  expect(sandbox.store.issue(epic.key)).toBeUndefined()
  expect(sandbox.store.issue(story.key)).toMatchObject({ parentId: null, updated: story.updated })
  expect(await bulk([epic.key])).toEqual([])
  expect((await bulk([story.key]))[0].fields).not.toHaveProperty('parent')
  sandbox.store.deleteIssue(story.key)
  expect(sandbox.store.issue(subtask.key)).toBeUndefined()
  expect(await search('project = PC')).not.toContain(subtask.key)
  expect(await search('project = PC')).not.toContain(story.key)
})

test('moveIssue gives a new key; the old key still resolves through bulkfetch and JQL', async () => {
  const epic = sandbox.store.createIssue({
    projectKey: 'PA',
    type: 'epic',
    summary: 'Travelling epic',
  })
  const story = sandbox.store.createIssue({
    projectKey: 'PA',
    type: 'story',
    summary: 'Stays',
    parent: epic.key,
  })
  const newKey = sandbox.store.moveIssue(epic.key, 'PB')
  expect(newKey).toMatch(/^PB-\d+$/)
  expect(sandbox.store.issue(epic.key)!.key).toBe(newKey)
  const [moved] = await bulk([epic.key])
  expect(moved).toMatchObject({ id: epic.id, key: newKey })
  expect(moved.fields.project.key).toBe('PB')
  expect(moved.fields.issuetype.id).toBe(sandbox.store.epics('PB')[0]!.issueTypeId)
  expect(await search(`key = ${epic.key}`)).toEqual([newKey])
  expect(await search(`parent = ${epic.key}`)).toEqual([story.key])
  expect(sandbox.store.issue(story.key)!.parentKey).toBe(newKey)
})

test('renameProjectKey rekeys every issue; old keys and the old project key keep resolving', async () => {
  const before = sandbox.store.issues().filter((i) => i.projectKey === 'PC')
  sandbox.store.renameProjectKey('PC', 'PCX')
  expect(sandbox.store.project('PC')!.key).toBe('PCX')
  expect(sandbox.store.project('PCX')!.previousKeys).toEqual(['PC'])
  const after = before.map((i) => sandbox.store.issue(i.id)!)
  expect(after.every((i, n) => i.key === before[n]!.key.replace('PC-', 'PCX-'))).toBe(true)
  const fetched = await bulk(before.slice(0, 3).map((i) => i.key))
  expect(fetched.map((i: { key: string }) => i.key)).toEqual(after.slice(0, 3).map((i) => i.key))
  const projects = (await admin.get('/rest/api/3/project/search')).json.values.map(
    (p: { key: string }) => p.key,
  )
  expect(projects).toContain('PCX')
  expect(projects).not.toContain('PC')
  expect((await search('project = PCX')).length).toBe(before.length)
  sandbox.store.setVisibleProjects('limited@sandbox.test', ['PCX'])
  sandbox.store.renameProjectKey('PCX', 'PCY')
  expect(sandbox.store.account('limited@sandbox.test')!.visibleProjects).toEqual(['PCY'])
  sandbox.store.setVisibleProjects('limited@sandbox.test', ['PA'])
})

test('addProject and deleteProject: a deleted project’s issues vanish everywhere', async () => {
  const project = sandbox.store.addProject({ key: 'TMP', name: 'Temporary', style: 'next-gen' })
  expect(project).toMatchObject({ style: 'next-gen', simplified: true })
  const epic = sandbox.store.createIssue({ projectKey: 'TMP', type: 'epic', summary: 'e' })
  sandbox.store.createIssue({ projectKey: 'TMP', type: 'task', summary: 't', parent: epic.key })
  expect(await search('project = TMP')).toHaveLength(2)
  expect(() => sandbox.store.addProject({ key: 'TMP', name: 'again' })).toThrow(/in use/)
  sandbox.store.deleteProject('TMP')
  expect(sandbox.store.project('TMP')).toBeUndefined()
  expect(sandbox.store.issue(epic.key)).toBeUndefined()
  expect(await bulk([epic.key])).toEqual([])
  const res = await admin.post('/rest/api/3/search/jql', { jql: 'project = TMP' })
  expect(res.json.errorMessages).toEqual([
    "The value 'TMP' does not exist for the field 'project'.",
  ])
})

test('accounts: add, look up, revoke', () => {
  const account = sandbox.store.addAccount({ email: 'New.Person@sandbox.test' })
  expect(account).toMatchObject({
    displayName: 'New Person',
    timeZone: 'UTC',
    visibleProjects: 'all',
    revoked: false,
    scopedToken: false,
  })
  expect(account.accountId).toMatch(/^712020:[0-9a-f-]{36}$/)
  expect(sandbox.store.account('new.person@sandbox.test')).toBe(account)
  expect(() => sandbox.store.addAccount({ email: 'new.person@sandbox.test' })).toThrow(/exists/)
  sandbox.store.revokeToken(account.email)
  expect(sandbox.store.account(account.email)!.revoked).toBe(true)
})
