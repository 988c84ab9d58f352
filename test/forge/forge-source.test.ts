// The portal's Forge source against the app on loopback: every way a call can fail becomes the JiraError (and API error) the portal would have met talking to Jira.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { kvs } from '@forge/kvs'
import { startLocalForgeServer, type LocalForgeServer } from '../../forge-app/local/local-server.js'
import type { JiraTransport } from '../../portal-service/jira/api-token-source.js'
import { ForgeAppMismatchError, ForgeNotAllowedError, ForgeSecretRejectedError } from '../../portal-service/jira/forge-errors.js'
import { createForgeSource } from '../../portal-service/jira/forge-source.js'
import { apiErrorFromJira } from '../../portal-service/jira/jira-api-error.js'
import { createSafeFetch, UnsafeAddressError } from '../../portal-service/jira/safe-fetch.js'
import { generateSecret } from '../../shared/contract/secret.js'
import type { JiraRequestEvent } from '../../shared/jira/client.js'
import type { RetryPolicy } from '../../shared/jira/retry.js'
import { JiraError } from '../../shared/jira/errors.js'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'

const SECRET = generateSecret()

let sandbox: JiraSandbox
let app: LocalForgeServer

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 17, dataset: { projects: 3, epicsPerProject: 2, childrenPerEpic: [1, 5] } })
  const { admin } = sandbox.accounts
  app = await startLocalForgeServer({ jira: { baseUrl: sandbox.url, email: admin.email, apiToken: admin.token }, cloudId: sandbox.cloudId })
  await kvs.setSecret('portal-secret', SECRET)
  const [first] = sandbox.store.projects()
  await kvs.set('allow-list', { projects: [{ id: first!.id, key: first!.key, name: first!.name }], updatedAt: null, updatedBy: null })
})
afterAll(async () => {
  await app.close()
  await sandbox.close()
})
beforeEach(() => sandbox.faults.clear())

function transport(overrides: Partial<JiraTransport> = {}): JiraTransport {
  return { fetch: createSafeFetch({ allowInsecure: true }), gatewayUrl: sandbox.url, retry: { baseDelayMs: 10, maxDelayMs: 20 }, ...overrides }
}

function source(options: { url?: string; secret?: string; transport?: Partial<JiraTransport>; events?: JiraRequestEvent[]; retry?: Partial<RetryPolicy> } = {}) {
  return createForgeSource({ webTriggerUrl: options.url ?? app.webTriggerUrl, secret: options.secret ?? SECRET }, transport(options.transport), {
    ...(options.events ? { onRequest: (event) => options.events!.push(event) } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  })
}

async function failure(promise: Promise<unknown>): Promise<JiraError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  if (!(error instanceof JiraError)) throw new Error(`expected a JiraError, got ${String(error)}`)
  return error
}

/** A loopback server answering every request with `handler` (or never, for a hang). */
async function rawServer(handler: ((res: import('node:http').ServerResponse) => void) | 'hang'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    if (handler !== 'hang') handler(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x1/trigger`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

test('a ping says which app, which site, which projects', async () => {
  const ping = await source().ping()
  expect(ping).toMatchObject({ app: 'portfolio-bridge', siteUrl: sandbox.url, cloudId: sandbox.cloudId, allowList: [{ key: sandbox.store.projects()[0]!.key }] })
})

test('a wrong secret is bad_credentials that the API calls a rejected Forge secret, and is not retried', async () => {
  const events: JiraRequestEvent[] = []
  const error = await failure(source({ secret: generateSecret(), events }).ping())
  expect(error.kind).toBe('bad_credentials')
  expect(error.cause).toBeInstanceOf(ForgeSecretRejectedError)
  expect(apiErrorFromJira(error, 'setup', app.webTriggerUrl)).toMatchObject({ status: 422, code: 'forge_secret_rejected' })
  expect(apiErrorFromJira(error, 'saved', app.webTriggerUrl)).toMatchObject({ status: 502, code: 'forge_secret_rejected' })
  expect(events).toEqual([expect.objectContaining({ method: 'POST', path: 'web-trigger:ping', status: 401, failure: 'bad_credentials' })])
})

test('a project outside the allow-list is forbidden, and the API says so in the app’s words', async () => {
  const error = await failure(source().changes({ projectKeys: [sandbox.store.projects()[1]!.key], sinceMinutes: 10 }))
  expect(error.kind).toBe('forbidden')
  expect(error.cause).toBeInstanceOf(ForgeNotAllowedError)
  expect(apiErrorFromJira(error, 'saved', sandbox.url)).toMatchObject({ status: 422, code: 'forge_project_not_allowed', message: expect.stringContaining('allow-list') })
})

test('a URL that is not the web trigger is invalid_response, and the API says to copy the right one', async () => {
  const error = await failure(source({ url: `${app.url}/x2/elsewhere` }).ping())
  expect(error.kind).toBe('invalid_response')
  expect(error.cause).toBeInstanceOf(ForgeAppMismatchError)
  expect(apiErrorFromJira(error, 'setup', app.url)).toMatchObject({ status: 422, code: 'not_a_forge_web_trigger' })
  const html = await rawServer((res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>hello</html>'))
  try {
    expect((await failure(source({ url: html.url }).ping())).cause).toBeInstanceOf(ForgeAppMismatchError)
  } finally {
    await html.close()
  }
})

test('Jira failing behind the app is the same failure here; the portal retries with a fresh signature', async () => {
  sandbox.faults.add({ match: { path: '/rest/api/3/issue/bulkfetch' }, kind: 'status', status: 503, times: 2 })
  const events: JiraRequestEvent[] = []
  const epic = sandbox.store.epics(sandbox.store.projects()[0]!.key)[0]!
  const epics = await source({ events }).epics([epic.id])
  expect(epics.map((e) => e.key)).toEqual([epic.key])
  // The app tried Jira twice and gave up; the portal asked again (a replayed request would be refused).
  expect(events.map((e) => [e.status, e.failure ?? 'ok'])).toEqual([
    [502, 'unavailable'],
    [200, 'ok'],
  ])
})

test('a Retry-After longer than the portal waits surfaces as rate_limited with the wait', async () => {
  sandbox.faults.add({ match: { path: '/rest/api/3/issue/bulkfetch' }, kind: 'status', status: 429, retryAfter: 30 })
  const events: JiraRequestEvent[] = []
  const error = await failure(source({ events, retry: { maxRetryAfterMs: 1_000 } }).epics([sandbox.store.epics(sandbox.store.projects()[0]!.key)[0]!.id]))
  expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 })
  expect(events).toHaveLength(1)
})

test('after such a rate limit the source sends nothing more until the wait has passed: the next call fails without reaching the app', async () => {
  sandbox.faults.add({ match: { path: '/rest/api/3/issue/bulkfetch' }, kind: 'status', status: 429, retryAfter: 30, times: 1 })
  const events: JiraRequestEvent[] = []
  const forge = source({ events, retry: { maxRetryAfterMs: 1_000 } })
  const epicId = sandbox.store.epics(sandbox.store.projects()[0]!.key)[0]!.id
  expect(await failure(forge.epics([epicId]))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 })
  const next = await failure(forge.epics([epicId]))
  expect(next.kind).toBe('rate_limited')
  expect(next.retryAfterMs).toBeGreaterThan(25_000)
  // One web trigger call in all: the second never left the portal, though Jira would now answer.
  expect(events).toHaveLength(1)
})

test('a web trigger that hangs times out; one that crashes is unavailable; a closed port is unreachable', async () => {
  const hang = await rawServer('hang')
  const crash = await rawServer((res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error'))
  try {
    expect((await failure(source({ url: hang.url, transport: { webTriggerTimeoutMs: 200 }, retry: { maxRetries: 0 } }).ping())).kind).toBe('timeout')
    expect((await failure(source({ url: crash.url, retry: { maxRetries: 0 } }).ping())).kind).toBe('unavailable')
  } finally {
    await hang.close()
    await crash.close()
  }
  expect((await failure(source({ url: 'http://127.0.0.1:9/x1/trigger', retry: { maxRetries: 0 } }).ping())).kind).toBe('unreachable')
})

test('the web trigger URL passes the same address guard as Jira sites', async () => {
  const guarded = createForgeSource({ webTriggerUrl: app.webTriggerUrl, secret: SECRET }, transport({ fetch: createSafeFetch({ allowInsecure: false }) }), { retry: { maxRetries: 0 } })
  const error = await failure(guarded.ping())
  expect(error.cause).toBeInstanceOf(UnsafeAddressError)
  expect(apiErrorFromJira(error, 'setup', app.webTriggerUrl)).toMatchObject({ status: 422, code: 'unsafe_site_url' })
})
