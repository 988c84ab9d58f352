// The portal's web trigger: signature, window and replay checks come first, and a refused request reaches neither Jira nor the allow-list.
import { kvs } from '@forge/kvs'
import { handlePortalRequest } from '../../forge-app/index.js'
import { installForgeRuntime, type ForgeRuntime } from '../../forge-app/local/forge-runtime.js'
import type { WebTriggerCall } from '../../forge-app/local/invoke.js'
import { CONTRACT_VERSION } from '../../shared/contract/operations.js'
import { generateSecret } from '../../shared/contract/secret.js'
import { REQUEST_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../shared/contract/signing.js'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'
import { callWebTrigger, signedCall } from './portal-caller.js'

const SECRET = generateSecret()
const PING = { operation: 'ping' }

let sandbox: JiraSandbox
let runtime: ForgeRuntime
let allowList: { projects: { id: string; key: string; name: string }[]; updatedAt: string; updatedBy: string }

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 5, dataset: { projects: 2, epicsPerProject: 1, childrenPerEpic: 1 } })
  const [project] = sandbox.store.projects()
  allowList = { projects: [{ id: project!.id, key: project!.key, name: project!.name }], updatedAt: '2026-03-02T12:00:00.000Z', updatedBy: 'admin-account' }
})
afterAll(() => sandbox.close())

let warn: ReturnType<typeof vi.spyOn>

beforeEach(async () => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  const { admin } = sandbox.accounts
  runtime = installForgeRuntime({ jira: { baseUrl: sandbox.url, email: admin.email, apiToken: admin.token } })
  await kvs.setSecret('portal-secret', SECRET)
  await kvs.set('allow-list', allowList)
  runtime.kvs.operations.length = 0
  sandbox.clearRequests()
})
afterEach(() => {
  runtime.uninstall()
  warn.mockRestore()
})

const signed = (body: object | string = PING, options: { secret?: string; now?: number } = {}) =>
  signedCall(body, { secret: options.secret ?? SECRET, ...(options.now === undefined ? {} : { now: options.now }) })
const call = (request: WebTriggerCall) => callWebTrigger(request, sandbox.cloudId)

/** What a refused request must not have touched: Jira, and the allow-list it guards. */
function expectNoWorkDone() {
  expect(runtime.jiraCalls).toEqual([])
  expect(sandbox.requests).toEqual([])
  expect(runtime.kvs.operations.filter((operation) => operation.key === 'allow-list')).toEqual([])
}

describe('a signed ping', () => {
  test('answers 200 with the app, the allow-list, the site and its cloud id, as JSON that is not cached', async () => {
    const response = await call(await signed())
    expect(response).toEqual({
      status: 200,
      headers: { 'Content-Type': ['application/json; charset=utf-8'], 'Cache-Control': ['no-store'] },
      body: {
        ok: true,
        data: { app: 'portfolio-bridge', contractVersion: CONTRACT_VERSION, allowList: allowList.projects, siteUrl: sandbox.url, cloudId: sandbox.cloudId },
      },
    })
    // The site's address comes from Jira itself, as the app.
    expect(runtime.jiraCalls).toEqual([{ as: 'app', remote: 'jira', method: 'GET', path: '/rest/api/3/serverInfo' }])
  })

  test('finds the signature headers whatever their case', async () => {
    const request = await signed()
    const lower = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]))
    expect((await call({ ...request, headers: lower })).status).toBe(200)
  })
})

describe('refused with 401 before any other work', () => {
  test('an unsigned request', async () => {
    const response = await call({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(PING) })
    expect(response).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthorized', reason: 'missing' } } })
    expectNoWorkDone()
    // Unsigned requests do not even cost a secret read.
    expect(runtime.kvs.operations).toEqual([])
    // The refusal is logged (for `forge logs`), without anything from the request.
    expect(warn).toHaveBeenCalledWith('Refused a portal request: missing')
  })

  test('each missing header', async () => {
    for (const name of [TIMESTAMP_HEADER, SIGNATURE_HEADER, REQUEST_ID_HEADER]) {
      const request = await signed()
      const headers = { ...request.headers }
      delete headers[name]
      expect((await call({ ...request, headers })).body.error.reason).toBe('missing')
    }
    expectNoWorkDone()
  })

  test('a tampered body', async () => {
    const request = await signed()
    const response = await call({ ...request, body: JSON.stringify({ operation: 'ping', extra: 1 }) })
    expect(response).toMatchObject({ status: 401, body: { error: { reason: 'bad_signature' } } })
    expectNoWorkDone()
  })

  test('a tampered timestamp', async () => {
    const request = await signed()
    const timestamp = Number(request.headers?.[TIMESTAMP_HEADER]) - 5
    const response = await call({ ...request, headers: { ...request.headers, [TIMESTAMP_HEADER]: String(timestamp) } })
    expect(response).toMatchObject({ status: 401, body: { error: { reason: 'bad_signature' } } })
    expectNoWorkDone()
  })

  test('a tampered request id (a captured request replayed under a fresh id)', async () => {
    const request = await signed()
    const response = await call({ ...request, headers: { ...request.headers, [REQUEST_ID_HEADER]: 'a-fresh-id-0000000001' } })
    expect(response).toMatchObject({ status: 401, body: { error: { reason: 'bad_signature' } } })
    expectNoWorkDone()
    // Forged ids never reach the replay guard's store.
    expect(runtime.kvs.operations.filter((operation) => operation.operation === 'set')).toEqual([])
  })

  test('a request signed with another secret', async () => {
    const response = await call(await signed(PING, { secret: generateSecret() }))
    expect(response).toMatchObject({ status: 401, body: { error: { reason: 'bad_signature' } } })
    expectNoWorkDone()
  })

  test('a request older or newer than 5 minutes', async () => {
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const response = await call(await signed(PING, { now: Date.now() + offset }))
      expect(response).toMatchObject({ status: 401, body: { error: { reason: 'stale' } } })
    }
    expectNoWorkDone()
  })

  test('a replay of an accepted request', async () => {
    const request = await signed({ operation: 'siteFacts' })
    expect((await call(request)).status).toBe(200)
    runtime.kvs.operations.length = 0
    runtime.jiraCalls.length = 0
    sandbox.clearRequests()
    const replay = await call(request)
    expect(replay).toMatchObject({ status: 401, body: { error: { reason: 'replayed' } } })
    expectNoWorkDone()
  })

  test('every operation, unsigned or stale, reaches no Jira call', async () => {
    const requests = [
      { operation: 'projects', ids: [allowList.projects[0]!.id] },
      { operation: 'epics', idsOrKeys: ['10000'] },
      { operation: 'children', epicIds: ['10000'] },
      { operation: 'changes', projectKeys: [allowList.projects[0]!.key], sinceMinutes: 10 },
    ]
    for (const body of requests) {
      expect((await call({ method: 'POST', body: JSON.stringify(body) })).status).toBe(401)
      expect((await call(await signed(body, { now: Date.now() - 10 * 60_000 }))).status).toBe(401)
    }
    expectNoWorkDone()
  })

  test('any request while no portal secret has been generated', async () => {
    await kvs.deleteSecret('portal-secret')
    runtime.kvs.operations.length = 0
    const response = await call(await signed())
    expect(response).toMatchObject({ status: 401, body: { error: { reason: 'bad_signature' } } })
    expectNoWorkDone()
  })

  test('an event without headers at all', async () => {
    const response = await handlePortalRequest({ method: 'POST', body: JSON.stringify(PING) })
    expect(response.statusCode).toBe(401)
    expectNoWorkDone()
  })
})

describe('after the signature', () => {
  test('a body that is not JSON is a 400', async () => {
    const response = await call(await signed('not json'))
    expect(response).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_request' } } })
    expectNoWorkDone()
  })

  test('an unknown operation, or a request outside the contract, is a 400 that reaches no Jira call', async () => {
    for (const body of [
      { operation: 'deleteEverything' },
      { operation: 'children', epicIds: ['1 OR project = SECRET'] },
      { operation: 'epics', idsOrKeys: Array.from({ length: 101 }, (_, i) => String(10_000 + i)) },
      { operation: 'ping', extra: true },
    ]) {
      const response = await call(await signed(body))
      expect(response).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_request' } } })
    }
    expectNoWorkDone()
  })

  test('anything but POST is a 405', async () => {
    const response = await call({ ...(await signed()), method: 'GET' })
    expect(response).toMatchObject({ status: 405, body: { ok: false, error: { code: 'method_not_allowed' } } })
  })

  test('the replay guard remembers ids in KVS with a TTL covering the window', async () => {
    const request = await signed()
    await call(request)
    const id = String(request.headers?.[REQUEST_ID_HEADER])
    expect(runtime.kvs.peek(`seen-request:${id}`)).toBe(Number(request.headers?.[TIMESTAMP_HEADER]) + 300)
  })
})
