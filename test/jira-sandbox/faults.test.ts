// Each fault kind, and the rule controls (match, after, times, order, remove, clear, latency).
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { basic, call, client } from './jira-fetch.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>

beforeAll(async () => {
  sandbox = await startJiraSandbox()
  admin = client(sandbox.url, sandbox.accounts.admin)
})
afterAll(() => sandbox.close())
beforeEach(() => {
  sandbox.faults.clear()
  sandbox.faults.setLatency(0)
  sandbox.clearRequests()
})

test('a 429 without a body is an HTML page with Retry-After', async () => {
  sandbox.faults.add({ kind: 'status', status: 429, retryAfter: 7 })
  const res = await admin.get('/rest/api/3/myself')
  expect(res.status).toBe(429)
  expect(res.headers.get('retry-after')).toBe('7')
  expect(res.headers.get('content-type')).toMatch(/^text\/html/)
  expect(res.text).toMatch(/^<!DOCTYPE html>/)
  expect(() => JSON.parse(res.text)).toThrow()
})

test('a status fault can carry its own body; other statuses default to Jira’s JSON error', async () => {
  sandbox.faults.add({ kind: 'status', status: 503, times: 1 })
  const plain = await admin.get('/rest/api/3/myself')
  expect(plain.status).toBe(503)
  expect(plain.json).toEqual({ errorMessages: ['Service Unavailable'], errors: {} })
  sandbox.faults.add({ kind: 'status', status: 429, body: '{"message":"slow down"}', times: 1 })
  const custom = await admin.get('/rest/api/3/myself')
  expect(custom.json).toEqual({ message: 'slow down' })
  expect(custom.headers.get('content-type')).toMatch(/^application\/json/)
  sandbox.faults.add({
    kind: 'status',
    status: 502,
    body: '<xml/>',
    contentType: 'application/xml',
    times: 1,
  })
  const xml = await admin.get('/rest/api/3/myself')
  expect([xml.status, xml.headers.get('content-type'), xml.text]).toEqual([
    502,
    'application/xml',
    '<xml/>',
  ])
  expect((await admin.get('/rest/api/3/myself')).status).toBe(200)
})

test('after and times: let N through, then fail M times, then recover', async () => {
  sandbox.faults.add({ kind: 'status', status: 500, after: 2, times: 2 })
  const statuses: number[] = []
  for (let i = 0; i < 6; i++) statuses.push((await admin.get('/rest/api/3/myself')).status)
  expect(statuses).toEqual([200, 200, 500, 500, 200, 200])
})

test('match by method and by exact path or RegExp, against the site or gateway path', async () => {
  sandbox.faults.add({
    match: { method: 'POST', path: /\/search\/jql$/ },
    kind: 'status',
    status: 500,
  })
  sandbox.faults.add({ match: { path: '/rest/api/3/field' }, kind: 'status', status: 502 })
  expect((await admin.get('/rest/api/3/search/jql?jql=project%3DPA')).status).toBe(200)
  expect((await admin.post('/rest/api/3/search/jql', { jql: 'project = PA' })).status).toBe(500)
  expect((await admin.get('/rest/api/3/field')).status).toBe(502)
  expect((await admin.get('/rest/api/3/issuetype')).status).toBe(200)
  const scoped = sandbox.store.account('scoped@sandbox.test')!
  const gateway = client(`${sandbox.url}/ex/jira/${sandbox.cloudId}`, scoped)
  expect((await gateway.get('/rest/api/3/field')).status).toBe(502)
})

test('faults are checked in insertion order; remove takes one out', async () => {
  const first = sandbox.faults.add({ kind: 'status', status: 500 })
  sandbox.faults.add({ kind: 'status', status: 503 })
  expect((await admin.get('/rest/api/3/myself')).status).toBe(500)
  sandbox.faults.remove(first)
  expect((await admin.get('/rest/api/3/myself')).status).toBe(503)
  sandbox.faults.clear()
  expect((await admin.get('/rest/api/3/myself')).status).toBe(200)
})

test('latency: per rule and global, added together', async () => {
  sandbox.faults.add({ kind: 'latency', ms: 120, times: 1 })
  let started = performance.now()
  expect((await admin.get('/rest/api/3/myself')).status).toBe(200)
  expect(performance.now() - started).toBeGreaterThanOrEqual(110)
  sandbox.faults.setLatency(80)
  started = performance.now()
  await admin.get('/rest/api/3/myself')
  expect(performance.now() - started).toBeGreaterThanOrEqual(70)
  expect(sandbox.requests.at(-1)!.durationMs).toBeGreaterThanOrEqual(70)
})

test('a latency rule delays, and a later status rule still decides the answer', async () => {
  sandbox.faults.add({ kind: 'latency', ms: 60 })
  sandbox.faults.add({ kind: 'status', status: 429, retryAfter: 1 })
  const started = performance.now()
  expect((await admin.get('/rest/api/3/myself')).status).toBe(429)
  expect(performance.now() - started).toBeGreaterThanOrEqual(50)
})

test('hang never answers; the request is still logged', async () => {
  sandbox.faults.add({ kind: 'hang', times: 1 })
  await expect(
    admin.get('/rest/api/3/myself', { signal: AbortSignal.timeout(150) }),
  ).rejects.toThrow(/abort|timeout/i)
  expect(sandbox.requests.map((r) => [r.path, r.status])).toEqual([['/rest/api/3/myself', 0]])
  expect((await admin.get('/rest/api/3/myself')).status).toBe(200)
})

test('reset destroys the connection without a response', async () => {
  sandbox.faults.add({ kind: 'reset', times: 1 })
  await expect(admin.get('/rest/api/3/project/search')).rejects.toThrow(/fetch failed/)
  expect(sandbox.requests[0]!.status).toBe(0)
  expect((await admin.get('/rest/api/3/project/search')).status).toBe(200)
})

test('malformed answers 200 with truncated JSON', async () => {
  sandbox.faults.add({ kind: 'malformed', match: { path: '/rest/api/3/project/search' } })
  const res = await admin.get('/rest/api/3/project/search')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  expect(res.text.length).toBeGreaterThan(0)
  expect(() => JSON.parse(res.text)).toThrow(SyntaxError)
})

test('unauthorized answers like a revoked token, even for good credentials', async () => {
  sandbox.faults.add({ kind: 'unauthorized', times: 1 })
  const res = await call(`${sandbox.url}/rest/api/3/myself`, {
    headers: { authorization: basic(sandbox.accounts.admin) },
  })
  expect(res.status).toBe(401)
  expect(res.text).toBe('Client must be authenticated to access this resource.')
  expect(sandbox.accounts.admin.revoked).toBe(false)
  expect((await admin.get('/rest/api/3/myself')).status).toBe(200)
})

test('latencyMs at start delays every request', async () => {
  const slow = await startJiraSandbox({ latencyMs: 90, dataset: { projects: 1 } })
  try {
    const started = performance.now()
    await call(`${slow.url}/_edge/tenant_info`)
    expect(performance.now() - started).toBeGreaterThanOrEqual(80)
  } finally {
    await slow.close()
  }
})

test('close() ends hanging requests', async () => {
  const other = await startJiraSandbox({ dataset: { projects: 1 } })
  other.faults.add({ kind: 'hang' })
  const pending = call(`${other.url}/rest/api/3/myself`, { auth: other.accounts.admin })
  await new Promise((r) => setTimeout(r, 30))
  await other.close()
  await expect(pending).rejects.toThrow()
})
