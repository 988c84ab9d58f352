// The emulated Forge platform: the real @forge/api and @forge/kvs code runs over it, so these tests fail if a new release stops using the seam.
import { ProxyRequestError, asApp, asUser, route, webTrigger } from '@forge/api'
import { ForgeKvsAPIError, kvs } from '@forge/kvs'
import { installForgeRuntime, type ForgeRuntime } from '../../forge-app/local/forge-runtime.js'
import { MemoryKvs } from '../../forge-app/local/memory-kvs.js'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'

let sandbox: JiraSandbox
let runtime: ForgeRuntime | undefined
const app = () => ({ baseUrl: sandbox.url, email: sandbox.accounts.admin.email, apiToken: sandbox.accounts.admin.token })

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 4, dataset: { projects: 1, epicsPerProject: 1, childrenPerEpic: 1 } })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.clearRequests())
afterEach(() => {
  runtime?.uninstall()
  runtime = undefined
})

describe('requestJira', () => {
  test('asApp() reaches the configured Jira with Basic auth, and the call is recorded', async () => {
    runtime = installForgeRuntime({ jira: app() })
    const response = await asApp().requestJira(route`/rest/api/3/project/search?query=${'alp ha'}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ values: [] })
    expect(sandbox.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/rest/api/3/project/search',
      query: { query: ['alp ha'] },
      account: sandbox.accounts.admin.email,
      status: 200,
    })
    expect(runtime.jiraCalls).toEqual([
      { as: 'app', remote: 'jira', method: 'GET', path: '/rest/api/3/project/search?query=alp%20ha' },
    ])
  })

  test('asUser() is told apart from asApp(), and may act as another account', async () => {
    const { limited } = sandbox.accounts
    runtime = installForgeRuntime({ jira: app(), userJira: { baseUrl: sandbox.url, email: limited.email, apiToken: limited.token } })
    await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`)
    await asApp().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`)
    expect(runtime.jiraCalls.map((call) => call.as)).toEqual(['user', 'app'])
    expect(sandbox.requests.map((request) => request.account)).toEqual([limited.email, sandbox.accounts.admin.email])
  })

  test('without a Jira site the platform refuses, as a proxy error', async () => {
    runtime = installForgeRuntime()
    await expect(asApp().requestJira(route`/rest/api/3/field`)).rejects.toBeInstanceOf(ProxyRequestError)
  })

  test('nothing reaches Jira without an installed runtime', async () => {
    await expect(asApp().requestJira(route`/rest/api/3/field`)).rejects.toThrow()
  })
})

describe('kvs', () => {
  test('stores values and secrets apart, and reads a missing key as undefined', async () => {
    runtime = installForgeRuntime()
    await kvs.set('allow-list', { projects: [1, 2] })
    await kvs.setSecret('portal-secret', 's3cret')
    await expect(kvs.get('allow-list')).resolves.toEqual({ projects: [1, 2] })
    await expect(kvs.getSecret('portal-secret')).resolves.toBe('s3cret')
    await expect(kvs.get('portal-secret')).resolves.toBeUndefined()
    await kvs.delete('allow-list')
    await expect(kvs.get('allow-list')).resolves.toBeUndefined()
    expect(runtime.kvs.hasSecret('portal-secret')).toBe(true)
  })

  test('FAIL_IF_EXISTS refuses an existing key with a 409, and TTLs expire', async () => {
    let now = Date.UTC(2026, 0, 1)
    runtime = installForgeRuntime({ kvs: new MemoryKvs({ now: () => now }) })
    const options = { ttl: { value: 10, unit: 'SECONDS' as const }, keyPolicy: 'FAIL_IF_EXISTS' as const }
    await kvs.set('seen-request:a', 1, options)
    const conflict = await kvs.set('seen-request:a', 2, options).catch((error: unknown) => error)
    expect(conflict).toBeInstanceOf(ForgeKvsAPIError)
    expect(conflict).toMatchObject({ code: 'KEY_CONFLICT', responseDetails: { status: 409 } })
    now += 10_000
    await expect(kvs.get('seen-request:a')).resolves.toBeUndefined()
    await kvs.set('seen-request:a', 3, options)
  })

  test('operations the emulator does not cover fail loudly', async () => {
    runtime = installForgeRuntime()
    await expect(kvs.transact().set('a', 1).execute()).rejects.toBeInstanceOf(ForgeKvsAPIError)
  })

  test('a JSON file keeps the store across runtimes', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const dir = await mkdtemp(join(tmpdir(), 'pb-kvs-'))
    try {
      const file = join(dir, 'kvs.json')
      runtime = installForgeRuntime({ kvs: new MemoryKvs({ file }) })
      await kvs.set('allow-list', ['ALPHA'])
      await kvs.setSecret('portal-secret', 'kept')
      runtime.uninstall()
      runtime = installForgeRuntime({ kvs: new MemoryKvs({ file }) })
      await expect(kvs.get('allow-list')).resolves.toEqual(['ALPHA'])
      await expect(kvs.getSecret('portal-secret')).resolves.toBe('kept')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('webTrigger', () => {
  test('getUrl answers the URL the runtime was given for the module key', async () => {
    runtime = installForgeRuntime({ webTriggerUrl: (key) => `http://127.0.0.1:7001/webtrigger/${key}` })
    await expect(webTrigger.getUrl('portal-webtrigger')).resolves.toBe('http://127.0.0.1:7001/webtrigger/portal-webtrigger')
  })
})

test('only one runtime at a time', () => {
  runtime = installForgeRuntime()
  expect(() => installForgeRuntime()).toThrow(/already installed/)
})
