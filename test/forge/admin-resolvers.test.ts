// The admin page's resolvers through the emulated Forge runtime: admin-only, zod-checked payloads, and the {ok, data} / {ok, error} envelope.
import { kvs } from '@forge/kvs'
import { z } from 'zod'
import { adminResolver, handlePortalRequest } from '../../forge-app/index.js'
import { installForgeRuntime, type ForgeRuntime } from '../../forge-app/local/forge-runtime.js'
import { invokeResolver, invokeWebTrigger, type ResolverHandler } from '../../forge-app/local/invoke.js'
import { signRequest } from '../../shared/contract/signing.js'
import { secretFingerprint } from '../../shared/contract/secret.js'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'

const ACCOUNT_ID = '5b10a2844c20165700ede21g'

let sandbox: JiraSandbox
let runtime: ForgeRuntime

beforeAll(async () => {
  // 60 projects in all: more than one picker page.
  sandbox = await startJiraSandbox({ seed: 9, dataset: { projects: 2, epicsPerProject: 1, childrenPerEpic: 1, extraProjects: 58 } })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.clearRequests())
afterEach(() => {
  runtime.uninstall()
  sandbox.faults.clear()
})

/** The app reads as the sandbox's admin; the page's user is the admin too, or a member who is not. */
function install(user: 'admin' | 'member' = 'admin') {
  const { admin, limited } = sandbox.accounts
  const as = user === 'admin' ? admin : limited
  runtime = installForgeRuntime({
    jira: { baseUrl: sandbox.url, email: admin.email, apiToken: admin.token },
    userJira: { baseUrl: sandbox.url, email: as.email, apiToken: as.token },
    webTriggerUrl: (key) => `https://example.invalid/x1/${key}`,
  })
}

const handler: ResolverHandler = adminResolver

const rotatedSchema = z.strictObject({
  ok: z.literal(true),
  data: z.strictObject({ secret: z.string(), fingerprint: z.string(), createdAt: z.string(), createdBy: z.string() }),
})
const invoke = (functionKey: string, payload: unknown = {}, accountId: string | null = ACCOUNT_ID) =>
  invokeResolver(handler, functionKey, payload, accountId === null ? {} : { accountId })

describe('every resolver is for Jira admins only', () => {
  const calls: Array<[string, unknown]> = [
    ['getAllowList', {}],
    ['setAllowList', { projects: [] }],
    ['searchProjects', {}],
    ['getSecretStatus', {}],
    ['rotateSecret', {}],
    ['getWebTriggerUrl', {}],
    ['getEpicProgress', { epicKeys: ['ABC-1'] }],
    ['listEpics', {}],
  ]

  test.each(calls)('%s refuses a user Jira says is not an admin, and changes nothing', async (key, payload) => {
    install('member')
    await expect(invoke(key, payload)).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) },
    })
    expect(runtime.jiraCalls).toEqual([
      { as: 'user', remote: 'jira', method: 'GET', path: '/rest/api/3/mypermissions?permissions=ADMINISTER' },
    ])
    expect(runtime.kvs.operations).toEqual([])
  })

  test('a call without a signed-in user is refused before asking Jira', async () => {
    install()
    await expect(invoke('rotateSecret', {}, null)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(runtime.jiraCalls).toEqual([])
  })

  test('when Jira cannot answer, the call fails closed as jira_unavailable', async () => {
    install()
    sandbox.faults.add({ match: { path: '/rest/api/3/mypermissions' }, kind: 'status', status: 503 })
    await expect(invoke('rotateSecret')).resolves.toMatchObject({ ok: false, error: { code: 'jira_unavailable' } })
    expect(runtime.kvs.hasSecret('portal-secret')).toBe(false)
  })
})

describe('allow-list', () => {
  test('is empty until set, then reads back sorted by key with who changed it', async () => {
    install()
    await expect(invoke('getAllowList')).resolves.toEqual({
      ok: true,
      data: { projects: [], updatedAt: null, updatedBy: null },
    })
    const projects = [
      { id: '10002', key: 'ZED', name: 'Zed' },
      { id: '10001', key: 'ALPHA', name: 'Alpha' },
    ]
    const saved = await invoke('setAllowList', { projects })
    expect(saved).toEqual({
      ok: true,
      data: { projects: [projects[1], projects[0]], updatedAt: expect.any(String), updatedBy: ACCOUNT_ID },
    })
    await expect(invoke('getAllowList')).resolves.toEqual(saved)
  })

  test.each([
    ['a missing list', {}],
    ['a non-numeric id', { projects: [{ id: 'abc', key: 'A', name: 'A' }] }],
    ['a lower-case key', { projects: [{ id: '1', key: 'abc', name: 'A' }] }],
    ['an unknown field', { projects: [{ id: '1', key: 'A', name: 'A', admin: true }] }],
    ['the same project twice', { projects: [{ id: '1', key: 'A', name: 'A' }, { id: '1', key: 'B', name: 'B' }] }],
    ['too many projects', { projects: Array.from({ length: 501 }, (_, i) => ({ id: String(i), key: `K${i}`, name: 'n' })) }],
  ])('refuses %s as invalid_payload and keeps the stored list', async (_case, payload) => {
    install()
    await invoke('setAllowList', { projects: [{ id: '1', key: 'KEEP', name: 'Keep' }] })
    await expect(invoke('setAllowList', payload)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    await expect(invoke('getAllowList')).resolves.toMatchObject({ ok: true, data: { projects: [{ key: 'KEEP' }] } })
  })

  test('a corrupted stored value is not served', async () => {
    install()
    await kvs.set('allow-list', { projects: 'everything' })
    await expect(invoke('getAllowList')).rejects.toThrow()
  })
})

describe('searchProjects', () => {
  test('pages through what the app can read, as picker options', async () => {
    install()
    const [first] = sandbox.store.projects()
    const firstPage = await invoke('searchProjects', {})
    expect(firstPage).toMatchObject({ ok: true, data: { nextStartAt: 50 } })
    expect(firstPage).toMatchObject({
      data: { projects: expect.arrayContaining([{ id: first!.id, key: first!.key, name: first!.name, avatarUrl: expect.stringMatching(/^http/) }]) },
    })
    await expect(invoke('searchProjects', { startAt: 50 })).resolves.toMatchObject({ ok: true, data: { nextStartAt: null } })
    const last = sandbox.store.projects().at(-1)!
    await expect(invoke('searchProjects', { query: last.key.toLowerCase() })).resolves.toMatchObject({
      ok: true,
      data: { projects: [{ key: last.key }], nextStartAt: null },
    })
    expect(runtime.jiraCalls.filter((call) => call.path.startsWith('/rest/api/3/project/search')).map((call) => call.as)).toEqual([
      'app',
      'app',
      'app',
    ])
  })

  test('refuses a bad paging value', async () => {
    install()
    await expect(invoke('searchProjects', { startAt: -1 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
  })

  test('reports a Jira refusal in the envelope', async () => {
    install()
    sandbox.faults.add({
      match: { path: '/rest/api/3/project/search' },
      kind: 'status',
      status: 400,
      body: JSON.stringify({ errorMessages: ['Failing on purpose with 400'], errors: {} }),
      contentType: 'application/json',
    })
    await expect(invoke('searchProjects', { query: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'jira_refused', message: expect.stringContaining('Failing on purpose with 400') },
    })
  })
})

describe('portal secret', () => {
  test('has no status before the first rotation', async () => {
    install()
    await expect(invoke('getSecretStatus')).resolves.toEqual({ ok: true, data: null })
  })

  test('rotation shows the secret once, keeps it encrypted, and shows only its fingerprint afterwards', async () => {
    install()
    const rotated = await invoke('rotateSecret')
    expect(rotated).toEqual({
      ok: true,
      data: {
        secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/),
        createdAt: expect.any(String),
        createdBy: ACCOUNT_ID,
      },
    })
    const { secret, ...status } = rotatedSchema.parse(rotated).data
    expect(status.fingerprint).toBe(await secretFingerprint(secret))
    await expect(kvs.getSecret('portal-secret')).resolves.toBe(secret)
    const statusAnswer = await invoke('getSecretStatus')
    expect(statusAnswer).toEqual({ ok: true, data: status })
    expect(JSON.stringify(statusAnswer)).not.toContain(secret)
    expect(JSON.stringify(runtime.kvs.peek('portal-secret-status'))).not.toContain(secret)
  })

  test('the web trigger accepts the new secret and refuses the old one after rotation', async () => {
    install()
    const secretOf = async () => rotatedSchema.parse(await invoke('rotateSecret')).data.secret
    const first = await secretOf()
    const second = await secretOf()
    expect(second).not.toBe(first)
    const body = JSON.stringify({ operation: 'ping' })
    const ping = async (secret: string) =>
      (await invokeWebTrigger(handlePortalRequest, { method: 'POST', headers: await signRequest(secret, body), body })).statusCode
    expect(await ping(first)).toBe(401)
    expect(await ping(second)).toBe(200)
  })
})

describe('getWebTriggerUrl', () => {
  test('answers the URL of the portal web trigger module', async () => {
    install()
    await expect(invoke('getWebTriggerUrl')).resolves.toEqual({
      ok: true,
      data: { url: 'https://example.invalid/x1/portal-webtrigger' },
    })
  })
})
