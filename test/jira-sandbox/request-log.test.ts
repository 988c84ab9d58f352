// The request log and writes(): every Jira request in order with what it sent and got, and which of
// them would have changed Jira. Unknown paths and methods answer as Jira does.
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { call, client } from './jira-fetch.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>

beforeAll(async () => {
  sandbox = await startJiraSandbox()
  admin = client(sandbox.url, sandbox.accounts.admin)
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.clearRequests())

test('every request is logged in order with method, path, query, body, account, status and duration', async () => {
  await admin.get('/rest/api/3/project/search?keys=PA&keys=PB&maxResults=5')
  await admin.post('/rest/api/3/search/jql', { jql: 'project = PA', fields: ['summary'] })
  await call(`${sandbox.url}/rest/api/3/myself`, {
    auth: { email: 'admin@sandbox.test', token: 'wrong' },
  })
  await call(`${sandbox.url}/rest/api/3/myself`)
  const log = sandbox.requests
  expect(log.map((r) => [r.method, r.path, r.status, r.account])).toEqual([
    ['GET', '/rest/api/3/project/search', 200, 'admin@sandbox.test'],
    ['POST', '/rest/api/3/search/jql', 200, 'admin@sandbox.test'],
    ['GET', '/rest/api/3/myself', 401, 'admin@sandbox.test'],
    ['GET', '/rest/api/3/myself', 401, undefined],
  ])
  expect(log[0]!.query).toEqual({ keys: ['PA', 'PB'], maxResults: ['5'] })
  expect(log[0]!.body).toBeUndefined()
  expect(log[1]!.body).toEqual({ jql: 'project = PA', fields: ['summary'] })
  expect(log.every((r) => r.at instanceof Date && r.durationMs >= 0)).toBe(true)
  sandbox.clearRequests()
  expect(sandbox.requests).toHaveLength(0)
})

test('at is the real arrival time and at + durationMs the moment the answer left', async () => {
  sandbox.faults.setLatency(15)
  const before = Date.now()
  for (let i = 0; i < 5; i++) await admin.get('/rest/api/3/myself')
  sandbox.faults.setLatency(0)
  const spans = sandbox.requests.map(
    (r) => [r.at.getTime(), r.at.getTime() + r.durationMs] as const,
  )
  expect(spans[0]![0]).toBeGreaterThanOrEqual(before)
  for (const [start, end] of spans) expect(end - start).toBeGreaterThanOrEqual(14)
  for (let i = 1; i < spans.length; i++)
    expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1])
})

test('writes() counts everything but GET/HEAD and the three read-only POSTs, also through the gateway', async () => {
  const scoped = sandbox.store.account('scoped@sandbox.test')!
  const gateway = client(`${sandbox.url}/ex/jira/${sandbox.cloudId}`, scoped)
  await admin.post('/rest/api/3/search/jql', { jql: 'project = PA' })
  await admin.post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ['PA-1'] })
  await admin.post('/rest/api/3/search/approximate-count', { jql: 'project = PA' })
  await gateway.post('/rest/api/3/search/jql', { jql: 'project = PA' })
  await call(`${sandbox.url}/rest/api/3/myself`, { method: 'HEAD', auth: sandbox.accounts.admin })
  expect(sandbox.writes()).toEqual([])
  const created = await admin.post('/rest/api/3/issue', { fields: { summary: 'x' } })
  const edited = await call(`${sandbox.url}/rest/api/3/issue/PA-1`, {
    method: 'PUT',
    body: { fields: {} },
    auth: sandbox.accounts.admin,
  })
  const deleted = await call(`${sandbox.url}/rest/api/3/project/PA`, {
    method: 'DELETE',
    auth: sandbox.accounts.admin,
  })
  await gateway.post('/rest/api/3/issue/PA-1/comment', { body: 'hi' })
  expect(sandbox.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
    'POST /rest/api/3/issue',
    'PUT /rest/api/3/issue/PA-1',
    'DELETE /rest/api/3/project/PA',
    `POST /ex/jira/${sandbox.cloudId}/rest/api/3/issue/PA-1/comment`,
  ])
  expect(created.status).toBe(404)
  expect(edited.status).toBe(405)
  expect(edited.headers.get('allow')).toBe('GET')
  expect(deleted.status).toBe(405)
  expect(sandbox.store.issue('PA-1')).toBeDefined()
})

test('unknown REST paths are a Jira-style 404; non-REST paths an HTML 404', async () => {
  const rest = await admin.get('/rest/api/3/dashboard/none/such')
  expect(rest.status).toBe(404)
  expect(rest.json).toEqual({
    errorMessages: [expect.stringContaining('/rest/api/3/dashboard/none/such')],
    errors: {},
  })
  const page = await call(`${sandbox.url}/secure/Dashboard.jspa`)
  expect(page.status).toBe(404)
  expect(page.headers.get('content-type')).toMatch(/^text\/html/)
  expect(sandbox.requests.map((r) => r.status)).toEqual([404, 404])
})

test('/browse/{KEY} is a page a browser can open', async () => {
  const epic = sandbox.store.epics('PA')[0]!
  const page = await call(`${sandbox.url}/browse/${epic.key}`)
  expect(page.status).toBe(200)
  expect(page.text).toContain(epic.summary.replace(/&/g, '&#38;'))
  expect((await call(`${sandbox.url}/browse/PA`)).status).toBe(200)
  expect((await call(`${sandbox.url}/browse/NOPE-1`)).status).toBe(404)
})

test('matched faults are still logged', async () => {
  sandbox.faults.add({ kind: 'status', status: 429, times: 1 })
  await admin.get('/rest/api/3/myself')
  expect(sandbox.requests.map((r) => r.status)).toEqual([429])
})
