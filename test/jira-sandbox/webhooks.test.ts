// Admin webhooks: registered through the store and the control API, delivered signed and
// asynchronously for issue changes that match their JQL, with faults that lose, repeat, delay
// or fail deliveries, and a log tests can read.
import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startJiraSandbox, type JiraSandbox, type WebhookEventName } from './index.js'
import { call } from './jira-fetch.js'

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

let sandbox: JiraSandbox
let receiver: Server
let receiverUrl: string
let received: Received[] = []
/** Statuses the receiver answers with, in turn; 200 once they run out. */
let answers: number[] = []
let now = Date.parse('2026-11-25T10:00:00Z')
const SECRET = 'it-is-a-secret-to-everybody'

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(answers.shift() ?? 200).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/jira`
  sandbox = await startJiraSandbox({
    clock: () => new Date(now),
    webhookRetryDelaysMs: [10, 20, 40],
  })
})
afterAll(async () => {
  await sandbox.close()
  await new Promise((resolve) => receiver.close(resolve))
})
beforeEach(async () => {
  await sandbox.webhooks.idle()
  for (const webhook of sandbox.webhooks.list()) sandbox.webhooks.remove(webhook.id)
  sandbox.webhooks.clearFaults()
  sandbox.webhooks.clearDeliveries()
  received = []
  answers = []
})

const project = () => sandbox.store.projects()[0]!.key
const otherProject = () => sandbox.store.projects()[1]!.key
const ALL_EVENTS: WebhookEventName[] = [
  'jira:issue_created',
  'jira:issue_updated',
  'jira:issue_deleted',
]
const register = (jql = `project in ("${project()}")`, events = ALL_EVENTS) =>
  sandbox.store.registerWebhook({ url: receiverUrl, secret: SECRET, events, jql })
const bodies = () => received.map((r) => JSON.parse(r.body))

test('a status change is delivered, signed, with the issue, its parent and status, and the changelog', async () => {
  register()
  const epic = sandbox.store.epics(project())[0]!
  const child = sandbox.store.children(epic.id).find((c) => c.hierarchyLevel === 0)!
  now += 60_000
  sandbox.store.updateIssue(child.id, { status: 'Done' })
  // Asynchronous: nothing has been sent when the change returns.
  expect(received).toEqual([])
  await sandbox.webhooks.idle()
  expect(received).toHaveLength(1)
  const [{ headers, body }] = received as [Received]
  expect(headers['x-hub-signature']).toBe(
    `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
  )
  expect(headers['x-atlassian-webhook-identifier']).toMatch(/^[\w-]{8,}$/)
  expect(headers['x-atlassian-webhook-flow']).toBe('Primary')
  expect(headers['content-type']).toMatch(/^application\/json/)
  const payload = JSON.parse(body)
  expect(payload).toMatchObject({
    timestamp: now,
    webhookEvent: 'jira:issue_updated',
    issue_event_type_name: 'issue_generic',
    user: { accountId: sandbox.accounts.admin.accountId },
    issue: {
      id: child.id,
      key: child.key,
      self: `${sandbox.url}/rest/api/2/issue/${child.id}`,
      fields: {
        parent: { id: epic.id, key: epic.key },
        status: { name: 'Done', statusCategory: { key: 'done' } },
        project: { id: child.projectId, key: project() },
        issuetype: { hierarchyLevel: 0 },
      },
    },
    changelog: {
      items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', toString: 'Done' }],
    },
  })
  expect(payload.changelog.id).toMatch(/^\d+$/)
  expect(sandbox.webhooks.deliveries).toMatchObject([
    {
      webhookEvent: 'jira:issue_updated',
      issueKey: child.key,
      outcome: 'delivered',
      attempts: [{ status: 200 }],
      copy: false,
    },
  ])
})

test('created, moved between epics, and deleted issues; the changelog names the parent before', async () => {
  register()
  const [first, second] = sandbox.store.epics(project())
  const story = sandbox.store.createIssue({
    projectKey: project(),
    type: 'story',
    summary: 'New work',
    parent: first!.id,
  })
  sandbox.store.updateIssue(story.id, { parent: second!.id })
  sandbox.store.deleteIssue(story.id)
  await sandbox.webhooks.idle()
  const [created, moved, deleted] = bodies().sort(
    (a, b) =>
      ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'].indexOf(a.webhookEvent) -
      ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'].indexOf(b.webhookEvent),
  )
  expect(created).toMatchObject({
    webhookEvent: 'jira:issue_created',
    issue_event_type_name: 'issue_created',
    issue: { id: story.id, fields: { parent: { id: first!.id } } },
  })
  expect(created.changelog).toBeUndefined()
  expect(moved.changelog.items).toContainEqual({
    field: 'IssueParentAssociation',
    fieldtype: 'jira',
    fieldId: 'parent',
    from: first!.id,
    fromString: first!.key,
    to: second!.id,
    toString: second!.key,
  })
  expect(deleted).toMatchObject({
    webhookEvent: 'jira:issue_deleted',
    issue: { id: story.id, fields: { parent: { id: second!.id } } },
  })
})

test('the JQL filter and the ticked events decide what is delivered', async () => {
  register(`project = "${project()}"`, ['jira:issue_created'])
  const epic = sandbox.store.epics(project())[0]!
  sandbox.store.createIssue({ projectKey: otherProject(), type: 'task', summary: 'Elsewhere' })
  sandbox.store.updateIssue(epic.id, { summary: 'Renamed' })
  const mine = sandbox.store.createIssue({ projectKey: project(), type: 'task', summary: 'Here' })
  await sandbox.webhooks.idle()
  expect(bodies().map((b) => b.issue.key)).toEqual([mine.key])
})

test('Jira’s webhook JQL subset: other fields and operators are refused at registration', () => {
  expect(() => register('project in (A, B) AND status != Done AND issuetype = Story')).not.toThrow()
  for (const jql of [
    'parent in (10001)',
    'summary ~ "x"',
    'project = A ORDER BY key',
    'updated > -1d',
    'project ==',
  ]) {
    expect(() => register(jql)).toThrow(/webhook JQL|Invalid/i)
  }
  expect(() =>
    sandbox.store.registerWebhook({ url: 'not a url', events: ['jira:issue_created'] }),
  ).toThrow()
  expect(() =>
    sandbox.store.registerWebhook({ url: receiverUrl, events: ['comment_created' as never] }),
  ).toThrow(/Unknown webhook events/)
})

test('an empty filter matches every issue; without a secret nothing is signed', async () => {
  sandbox.store.registerWebhook({ url: receiverUrl, events: ['jira:issue_created'] })
  sandbox.store.createIssue({ projectKey: otherProject(), type: 'task', summary: 'Anywhere' })
  await sandbox.webhooks.idle()
  expect(received).toHaveLength(1)
  expect(received[0]!.headers['x-hub-signature']).toBeUndefined()
})

test('faults: a dropped delivery is never sent, a duplicate arrives twice with one identifier, a late one arrives late', async () => {
  register()
  const task = sandbox.store.createIssue({ projectKey: project(), type: 'task', summary: 'Faulty' })
  await sandbox.webhooks.idle()
  received = []
  sandbox.webhooks.addFault({ kind: 'drop' })
  sandbox.store.updateIssue(task.id, { summary: 'Lost' })
  sandbox.webhooks.addFault({ kind: 'duplicate', match: { issue: task.key } })
  sandbox.store.updateIssue(task.id, { summary: 'Twice' })
  sandbox.webhooks.addFault({ kind: 'delay', ms: 150 })
  const started = performance.now()
  sandbox.store.updateIssue(task.id, { summary: 'Late' })
  await sandbox.webhooks.idle()
  expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  const summaries = received.map((r) => JSON.parse(r.body).issue.fields.summary)
  expect(summaries.sort()).toEqual(['Late', 'Twice', 'Twice'])
  const twice = received.filter((r) => JSON.parse(r.body).issue.fields.summary === 'Twice')
  expect(twice[0]!.headers['x-atlassian-webhook-identifier']).toBe(
    twice[1]!.headers['x-atlassian-webhook-identifier'],
  )
  expect(twice[0]!.body).toBe(twice[1]!.body)
  const log = sandbox.webhooks.deliveries.slice(1)
  expect(log.map((d) => [d.outcome, d.copy])).toEqual([
    ['dropped', false],
    ['delivered', false],
    ['delivered', true],
    ['delivered', false],
  ])
})

test('failures are retried on 5xx and 429 with X-Atlassian-Webhook-Retry, not on 401; injected failures give up', async () => {
  register()
  const task = sandbox.store.createIssue({
    projectKey: project(),
    type: 'task',
    summary: 'Retried',
  })
  await sandbox.webhooks.idle()
  received = []
  sandbox.webhooks.clearDeliveries()
  answers = [503, 429]
  sandbox.store.updateIssue(task.id, { summary: 'Third time lucky' })
  await sandbox.webhooks.idle()
  expect(received.map((r) => r.headers['x-atlassian-webhook-retry'])).toEqual([undefined, '1', '2'])
  expect(new Set(received.map((r) => r.headers['x-atlassian-webhook-identifier'])).size).toBe(1)
  expect(sandbox.webhooks.deliveries[0]).toMatchObject({
    outcome: 'delivered',
    attempts: [{ status: 503 }, { status: 429 }, { status: 200 }],
  })

  answers = [401]
  sandbox.store.updateIssue(task.id, { summary: 'Refused' })
  sandbox.webhooks.addFault({ kind: 'fail' })
  sandbox.store.updateIssue(task.id, { summary: 'Network down' })
  await sandbox.webhooks.idle()
  const [, refused, down] = sandbox.webhooks.deliveries
  expect(refused).toMatchObject({ outcome: 'failed', attempts: [{ status: 401 }] })
  expect(down!.outcome).toBe('failed')
  expect(down!.attempts).toHaveLength(4)
  expect(down!.attempts.every((a) => a.status === 0)).toBe(true)
})

test('the control API registers, lists (never the secret), removes, and reads the delivery log and faults', async () => {
  const control = (path: string, method = 'GET', body?: unknown) =>
    call(`${sandbox.url}/_sandbox${path}`, { method, body })
  const created = await control('/webhooks', 'POST', {
    url: receiverUrl,
    secret: SECRET,
    events: ['jira:issue_updated'],
    jql: `project = ${project()}`,
  })
  expect(created.status).toBe(201)
  expect(created.json).toMatchObject({
    url: receiverUrl,
    events: ['jira:issue_updated'],
    hasSecret: true,
  })
  expect(created.json.secret).toBeUndefined()
  expect((await control('/webhooks')).json).toHaveLength(1)
  expect(
    (await control('/webhooks', 'POST', { url: receiverUrl, events: [], jql: '' })).status,
  ).toBe(400)
  expect((await control('/webhook-faults', 'POST', { kind: 'duplicate' })).status).toBe(201)
  expect((await control('/webhook-faults', 'POST', { kind: 'explode' })).status).toBe(400)
  const epic = sandbox.store.epics(project())[0]!
  await control(`/issues/${epic.key}`, 'PATCH', { summary: 'Changed over HTTP' })
  await sandbox.webhooks.idle()
  const log = (await control('/webhook-deliveries')).json
  expect(log.map((d: { issueKey: string; outcome: string }) => [d.issueKey, d.outcome])).toEqual([
    [epic.key, 'delivered'],
    [epic.key, 'delivered'],
  ])
  expect((await control('/webhook-deliveries', 'DELETE')).status).toBe(204)
  expect(sandbox.webhooks.deliveries).toEqual([])
  expect((await control('/webhook-faults', 'DELETE')).status).toBe(204)
  expect((await control(`/webhooks/${created.json.id}`, 'DELETE')).status).toBe(204)
  expect((await control(`/webhooks/${created.json.id}`, 'DELETE')).status).toBe(404)
  // Deliveries are outgoing traffic, never in the Jira request log.
  expect(sandbox.requests.filter((r) => r.path.includes('webhook'))).toEqual([])
})
