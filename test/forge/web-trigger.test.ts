// The portal's web trigger: signature, window and replay checks come first, and a refused request reaches neither Jira nor the allow-list.
import { kvs } from '@forge/kvs'
import { handlePortalRequest } from '../../forge-app/index.js'
import { installForgeRuntime, type ForgeRuntime } from '../../forge-app/local/forge-runtime.js'
import { invokeWebTrigger, type WebTriggerCall } from '../../forge-app/local/invoke.js'
import {
  REQUEST_ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signRequest,
} from '../../shared/contract/signing.js'
import { generateSecret } from '../../shared/contract/secret.js'
import { startFakeJira, type FakeJira } from './fake-jira.js'

const SECRET = generateSecret()
const PING = JSON.stringify({ operation: 'ping' })
const ALLOW_LIST = {
  projects: [{ id: '10000', key: 'ALPHA', name: 'Alpha' }],
  updatedAt: '2026-03-02T12:00:00.000Z',
  updatedBy: 'admin-account',
}

let jira: FakeJira
let runtime: ForgeRuntime

beforeAll(async () => {
  jira = await startFakeJira({ accounts: [{ email: 'app@example.com', apiToken: 't', admin: false }], projects: [] })
})
afterAll(() => jira.close())

let warn: ReturnType<typeof vi.spyOn>

beforeEach(async () => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  runtime = installForgeRuntime({ jira: { baseUrl: jira.baseUrl, email: 'app@example.com', apiToken: 't' } })
  await kvs.setSecret('portal-secret', SECRET)
  await kvs.set('allow-list', ALLOW_LIST)
  runtime.kvs.operations.length = 0
  jira.requests.length = 0
})
afterEach(() => {
  runtime.uninstall()
  warn.mockRestore()
})

async function signed(body = PING, options: { secret?: string; now?: number } = {}): Promise<WebTriggerCall> {
  const headers = await signRequest(options.secret ?? SECRET, body, { now: options.now ?? Date.now() })
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }
}

async function call(request: WebTriggerCall) {
  const response = await invokeWebTrigger(handlePortalRequest, request)
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body ?? 'null') }
}

/** What a refused request must not have touched: Jira, and the allow-list it guards. */
function expectNoWorkDone() {
  expect(runtime.jiraCalls).toEqual([])
  expect(jira.requests).toEqual([])
  expect(runtime.kvs.operations.filter((operation) => operation.key === 'allow-list')).toEqual([])
}

describe('a signed ping', () => {
  test('answers 200 with the allow-list, as JSON that is not cached', async () => {
    const response = await call(await signed())
    expect(response).toEqual({
      status: 200,
      headers: { 'Content-Type': ['application/json; charset=utf-8'], 'Cache-Control': ['no-store'] },
      body: { ok: true, app: 'portfolio-bridge', allowList: ALLOW_LIST.projects },
    })
  })

  test('finds the signature headers whatever their case', async () => {
    const request = await signed()
    const lower = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]))
    expect((await call({ ...request, headers: lower })).status).toBe(200)
  })
})

describe('refused with 401 before any other work', () => {
  test('an unsigned request', async () => {
    const response = await call({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: PING })
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
    const request = await signed()
    expect((await call(request)).status).toBe(200)
    runtime.kvs.operations.length = 0
    const replay = await call(request)
    expect(replay).toMatchObject({ status: 401, body: { error: { reason: 'replayed' } } })
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
    const response = await handlePortalRequest({ method: 'POST', body: PING })
    expect(response.statusCode).toBe(401)
    expectNoWorkDone()
  })
})

describe('after the signature', () => {
  test('a body that is not JSON is a 400', async () => {
    const response = await call(await signed('not json'))
    expect(response).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_request' } } })
  })

  test('an unknown operation is a 400', async () => {
    const response = await call(await signed(JSON.stringify({ operation: 'deleteEverything' })))
    expect(response).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_request' } } })
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
