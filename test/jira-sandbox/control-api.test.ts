// The HTTP control API under /_sandbox/, for a sandbox running in another process.
import { faultRuleToJson, startJiraSandbox, type JiraSandbox } from './index.js'
import { call, client } from './jira-fetch.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>
const control = (path: string, method = 'GET', body?: unknown) =>
  call(`${sandbox.url}/_sandbox${path}`, { method, body })

beforeAll(async () => {
  sandbox = await startJiraSandbox()
  admin = client(sandbox.url, sandbox.accounts.admin)
})
afterAll(() => sandbox.close())
beforeEach(() => {
  sandbox.clearRequests()
  sandbox.faults.clear()
})

test('GET /_sandbox/ describes the site and is never logged as Jira traffic', async () => {
  const info = (await control('/')).json
  expect(info).toMatchObject({ url: sandbox.url, cloudId: sandbox.cloudId, projects: 3 })
  expect(info.accounts.map((a: { email: string }) => a.email)).toContain('admin@sandbox.test')
  expect(sandbox.requests).toEqual([])
})

test('requests: read and clear the log', async () => {
  await admin.get('/rest/api/3/myself')
  const log = (await control('/requests')).json
  expect(log).toHaveLength(1)
  expect(log[0]).toMatchObject({
    method: 'GET',
    path: '/rest/api/3/myself',
    status: 200,
    account: 'admin@sandbox.test',
  })
  expect(Date.parse(log[0].at)).not.toBeNaN()
  await admin.post('/rest/api/3/issue', {})
  expect((await control('/writes')).json.map((r: { path: string }) => r.path)).toEqual([
    '/rest/api/3/issue',
  ])
  expect((await control('/requests', 'DELETE')).status).toBe(204)
  expect(sandbox.requests).toEqual([])
})

test('faults: add with a regex path, remove one, clear all', async () => {
  const added = await control(
    '/faults',
    'POST',
    faultRuleToJson({
      match: { path: /project\/search$/ },
      kind: 'status',
      status: 429,
      retryAfter: 3,
    }),
  )
  expect(added.status).toBe(201)
  const res = await admin.get('/rest/api/3/project/search')
  expect([res.status, res.headers.get('retry-after')]).toEqual([429, '3'])
  expect((await admin.get('/rest/api/3/myself')).status).toBe(200)
  expect((await control(`/faults/${added.json.id}`, 'DELETE')).status).toBe(204)
  expect((await admin.get('/rest/api/3/project/search')).status).toBe(200)
  await control('/faults', 'POST', { match: { pathRegex: '^/rest/api/3/myself$' }, kind: 'reset' })
  await control('/faults', 'POST', { match: { path: '/rest/api/3/field' }, kind: 'malformed' })
  await expect(admin.get('/rest/api/3/myself')).rejects.toThrow()
  const malformed = await admin.get('/rest/api/3/field')
  expect(() => JSON.parse(malformed.text)).toThrow()
  expect((await control('/faults', 'DELETE')).status).toBe(204)
  expect((await admin.get('/rest/api/3/myself')).status).toBe(200)
  expect((await control('/faults', 'POST', { kind: 'explode' })).status).toBe(400)
})

test('latency can be set over HTTP', async () => {
  await control('/latency', 'POST', { ms: 60 })
  const started = performance.now()
  await admin.get('/rest/api/3/myself')
  expect(performance.now() - started).toBeGreaterThanOrEqual(50)
  await control('/latency', 'POST', { ms: 0 })
})

test('issues: create, read, update, move and delete', async () => {
  const epic = sandbox.store.epics('PA')[0]!
  const created = await control('/issues', 'POST', {
    projectKey: 'PA',
    type: 'story',
    summary: 'From afar',
    parent: epic.key,
    storyPoints: 8,
  })
  expect(created.status).toBe(201)
  expect(created.json).toMatchObject({
    summary: 'From afar',
    parentKey: epic.key,
    storyPoints: 8,
    status: 'To Do',
  })
  const key = created.json.key
  expect((await control(`/issues/${key}`)).json.id).toBe(created.json.id)
  const patched = await control(`/issues/${key}`, 'PATCH', {
    status: 'Done',
    summary: 'Finished from afar',
  })
  expect(patched.json).toMatchObject({
    status: 'Done',
    statusCategory: 'done',
    summary: 'Finished from afar',
  })
  const search = await admin.post('/rest/api/3/search/jql', {
    jql: `key = ${key}`,
    fields: ['status'],
  })
  expect(search.json.issues[0].fields.status.name).toBe('Done')
  const moved = await control(`/issues/${key}/move`, 'POST', { toProjectKey: 'PC' })
  expect(moved.json.key).toMatch(/^PC-/)
  expect((await control(`/issues/${key}`, 'DELETE')).status).toBe(204)
  expect((await control(`/issues/${key}`)).status).toBe(404)
  expect((await control('/issues/PA-424242', 'PATCH', { summary: 'x' })).status).toBe(404)
  expect(
    (await control('/issues', 'POST', { projectKey: 'PA', type: 'subtask', summary: 'orphan' }))
      .status,
  ).toBe(400)
})

test('accounts: revoke, add, change visibility', async () => {
  const added = await control('/accounts', 'POST', {
    email: 'remote@sandbox.test',
    token: 'r-1',
    visibleProjects: ['PB'],
  })
  expect(added.status).toBe(201)
  const remote = client(sandbox.url, { email: 'remote@sandbox.test', token: 'r-1' })
  expect(
    (await remote.get('/rest/api/3/project/search')).json.values.map((p: { key: string }) => p.key),
  ).toEqual(['PB'])
  expect(
    (
      await control('/accounts/remote%40sandbox.test/visible-projects', 'PUT', {
        visibleProjects: 'all',
      })
    ).status,
  ).toBe(204)
  expect((await remote.get('/rest/api/3/project/search')).json.total).toBe(3)
  expect((await control('/accounts/remote@sandbox.test/revoke', 'POST')).status).toBe(204)
  expect((await remote.get('/rest/api/3/myself')).status).toBe(401)
  expect((await control('/accounts/ghost@sandbox.test/revoke', 'POST')).status).toBe(404)
})

test('projects: add, rename, delete; search index flush', async () => {
  expect(
    (await control('/projects', 'POST', { key: 'CTL', name: 'Controlled', style: 'next-gen' }))
      .status,
  ).toBe(201)
  expect((await control('/projects/CTL/rename', 'POST', { newKey: 'CTL2' })).status).toBe(204)
  expect(sandbox.store.project('CTL2')!.name).toBe('Controlled')
  expect((await control('/projects/CTL2', 'DELETE')).status).toBe(204)
  expect(sandbox.store.project('CTL2')).toBeUndefined()
  expect((await control('/search-index/flush', 'POST')).status).toBe(204)
  expect((await control('/nothing-here')).status).toBe(404)
})
