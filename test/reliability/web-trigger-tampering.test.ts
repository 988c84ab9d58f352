// Issue 8, item 5 (security): web trigger replays and tampering that test/forge leaves out — replays sent all at once, replays after the function restarts, doubled headers.
// Proven in test/forge/web-trigger.test.ts, not repeated: unsigned, each missing header, a
// tampered body, timestamp or request id, another secret, outside the 5-minute window, a replay,
// no secret yet; in shared/contract/signing.test.ts: the signing rules themselves; in
// test/forge/admin-resolvers.test.ts: the old secret refused after rotation.
import { kvs } from '@forge/kvs'
import { installForgeRuntime, type ForgeRuntime } from '../../forge-app/local/forge-runtime.js'
import { MemoryKvs } from '../../forge-app/local/memory-kvs.js'
import { generateSecret } from '../../shared/contract/secret.js'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signRequest } from '../../shared/contract/signing.js'
import { callWebTrigger, signedCall } from '../forge/portal-caller.js'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'

const SECRET = generateSecret()
const PING = { operation: 'ping' }

let sandbox: JiraSandbox
let store: MemoryKvs
let runtime: ForgeRuntime
let warn: ReturnType<typeof vi.spyOn>

/** The Forge function starting (again) over the same app storage, as after a cold start. */
function startFunction() {
  const { admin } = sandbox.accounts
  runtime = installForgeRuntime({ kvs: store, jira: { baseUrl: sandbox.url, email: admin.email, apiToken: admin.token } })
}

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 13, dataset: { projects: 1, epicsPerProject: 1, childrenPerEpic: 1 } })
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  store = new MemoryKvs()
  startFunction()
  await kvs.setSecret('portal-secret', SECRET)
  await kvs.set('allow-list', { projects: [], updatedAt: '2026-03-02T12:00:00.000Z', updatedBy: 'admin' })
})
afterAll(async () => {
  runtime.uninstall()
  warn.mockRestore()
  await sandbox.close()
})

test('twenty copies of one signed request sent at once: exactly one is answered, the others are replays', async () => {
  const request = await signedCall(PING, { secret: SECRET })
  const answers = await Promise.all(Array.from({ length: 20 }, () => callWebTrigger(request, sandbox.cloudId)))
  expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
  const refused = answers.filter((a) => a.status !== 200)
  expect(refused).toHaveLength(19)
  for (const answer of refused) expect(answer).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthorized', reason: 'replayed' } } })
})

test('a request replayed after the function restarts is still refused: the guard lives in app storage, not in memory', async () => {
  const request = await signedCall(PING, { secret: SECRET })
  expect((await callWebTrigger(request, sandbox.cloudId)).status).toBe(200)
  runtime.uninstall()
  startFunction()
  sandbox.clearRequests()
  const replay = await callWebTrigger(request, sandbox.cloudId)
  expect(replay).toMatchObject({ status: 401, body: { error: { reason: 'replayed' } } })
  expect(sandbox.requests).toEqual([])
})

test('a doubled signature or timestamp header is refused, whichever copy is genuine', async () => {
  const body = JSON.stringify(PING)
  const genuine = await signRequest(SECRET, body)
  const forged = await signRequest(generateSecret(), body)
  const variants = [
    { ...genuine, [SIGNATURE_HEADER]: [genuine[SIGNATURE_HEADER], forged[SIGNATURE_HEADER]] },
    { ...genuine, [SIGNATURE_HEADER]: [forged[SIGNATURE_HEADER], genuine[SIGNATURE_HEADER]] },
    { ...genuine, [TIMESTAMP_HEADER]: [genuine[TIMESTAMP_HEADER], String(Number(genuine[TIMESTAMP_HEADER]) + 1)] },
    // The same header twice under two spellings.
    { ...genuine, [SIGNATURE_HEADER.toLowerCase()]: forged[SIGNATURE_HEADER] },
  ]
  for (const headers of variants) {
    const answer = await callWebTrigger({ method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }, sandbox.cloudId)
    expect({ headers, status: answer.status, reason: answer.body.error?.reason }).toEqual({ headers, status: 401, reason: 'missing' })
  }
  // The genuine request alone still goes through: nothing above spent its id.
  expect((await callWebTrigger({ method: 'POST', headers: { 'Content-Type': 'application/json', ...genuine }, body }, sandbox.cloudId)).status).toBe(200)
})
