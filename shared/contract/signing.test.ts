// Signing and verification of portal -> Forge requests: every way a request can be refused.
import { createMemoryReplayGuard } from './replay-guard.js'
import { generateSecret, isWellFormedSecret, secretFingerprint } from './secret.js'
import {
  REQUEST_ID_HEADER,
  SIGNATURE_HEADER,
  SIGNATURE_WINDOW_SECONDS,
  TIMESTAMP_HEADER,
  headerValue,
  signRequest,
  verifyRequest,
  type HeaderSource,
  type SignedHeaders,
} from './signing.js'

const SECRET = 'k3pM0wq4yQ6r1sZ8vX2bN5cT7uH9jL0aD3fG6hJ1kE4'
const NOW = Date.UTC(2026, 2, 2, 12, 0, 0)
const BODY = JSON.stringify({ operation: 'ping' })

function verify(headers: HeaderSource, body = BODY, options: { secret?: string; now?: number } = {}) {
  return verifyRequest({
    headers,
    body,
    secret: async () => options.secret ?? SECRET,
    replayGuard: createMemoryReplayGuard(() => Math.floor((options.now ?? NOW) / 1000)),
    now: options.now ?? NOW,
  })
}

/** Forge hands headers over as arrays of strings, with whatever case the caller used. */
function asForgeHeaders(headers: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), [value]]))
}

describe('signRequest / verifyRequest', () => {
  let signed: SignedHeaders
  beforeEach(async () => {
    signed = await signRequest(SECRET, BODY, { now: NOW })
  })

  test('signs with a unix-seconds timestamp, a v1 hex MAC and a request id', () => {
    expect(signed[TIMESTAMP_HEADER]).toBe(String(NOW / 1000))
    expect(signed[SIGNATURE_HEADER]).toMatch(/^v1=[0-9a-f]{64}$/)
    expect(signed[REQUEST_ID_HEADER]).toMatch(/^[A-Za-z0-9_-]{16,128}$/)
  })

  test('accepts a good signature, in fetch Headers and in Forge header arrays', async () => {
    await expect(verify(new Headers({ ...signed }))).resolves.toEqual({
      ok: true,
      timestamp: NOW / 1000,
      requestId: signed[REQUEST_ID_HEADER],
    })
    await expect(verify(asForgeHeaders({ ...signed }))).resolves.toMatchObject({ ok: true })
  })

  test('refuses a tampered body', async () => {
    await expect(verify({ ...signed }, JSON.stringify({ operation: 'pong' }))).resolves.toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    await expect(verify({ ...signed }, `${BODY} `)).resolves.toEqual({ ok: false, reason: 'bad_signature' })
  })

  test('refuses a tampered timestamp, even one still inside the window', async () => {
    const moved = { ...signed, [TIMESTAMP_HEADER]: String(NOW / 1000 - 1) }
    await expect(verify(moved)).resolves.toEqual({ ok: false, reason: 'bad_signature' })
  })

  test('refuses a swapped request id, so a captured body cannot be replayed under a new id', async () => {
    const swapped = { ...signed, [REQUEST_ID_HEADER]: 'an-entirely-new-request-id' }
    await expect(verify(swapped)).resolves.toEqual({ ok: false, reason: 'bad_signature' })
  })

  test('refuses a signature made with another secret', async () => {
    const forged = await signRequest(generateSecret(), BODY, { now: NOW })
    await expect(verify({ ...forged })).resolves.toEqual({ ok: false, reason: 'bad_signature' })
  })

  test('refuses a malformed signature and a request when no secret is configured', async () => {
    await expect(verify({ ...signed, [SIGNATURE_HEADER]: 'sha256=abc' })).resolves.toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    const noSecret = await verifyRequest({
      headers: { ...signed },
      body: BODY,
      secret: async () => undefined,
      replayGuard: createMemoryReplayGuard(),
      now: NOW,
    })
    expect(noSecret).toEqual({ ok: false, reason: 'bad_signature' })
  })

  test('accepts the edges of the window and refuses beyond them, both ways', async () => {
    const window = SIGNATURE_WINDOW_SECONDS * 1000
    for (const offset of [-window, window]) {
      await expect(verify({ ...signed }, BODY, { now: NOW + offset })).resolves.toMatchObject({ ok: true })
    }
    await expect(verify({ ...signed }, BODY, { now: NOW + window + 1000 })).resolves.toEqual({
      ok: false,
      reason: 'stale',
    })
    await expect(verify({ ...signed }, BODY, { now: NOW - window - 1000 })).resolves.toEqual({
      ok: false,
      reason: 'stale',
    })
  })

  test('refuses a request whose headers are missing, unusable or given twice', async () => {
    for (const name of [TIMESTAMP_HEADER, SIGNATURE_HEADER, REQUEST_ID_HEADER]) {
      const headers: Record<string, string> = { ...signed }
      delete headers[name]
      await expect(verify(headers)).resolves.toEqual({ ok: false, reason: 'missing' })
    }
    await expect(verify({})).resolves.toEqual({ ok: false, reason: 'missing' })
    await expect(verify({ ...signed, [TIMESTAMP_HEADER]: 'yesterday' })).resolves.toEqual({
      ok: false,
      reason: 'missing',
    })
    await expect(verify({ ...signed, [REQUEST_ID_HEADER]: 'short' })).resolves.toEqual({ ok: false, reason: 'missing' })
    const twice = { ...asForgeHeaders({ ...signed }), 'x-pb-timestamp': [signed[TIMESTAMP_HEADER], '1'] }
    await expect(verify(twice)).resolves.toEqual({ ok: false, reason: 'missing' })
  })

  test('refuses a replay of an authentic request within the window', async () => {
    const guard = createMemoryReplayGuard(() => NOW / 1000)
    const once = () =>
      verifyRequest({ headers: { ...signed }, body: BODY, secret: async () => SECRET, replayGuard: guard, now: NOW })
    await expect(once()).resolves.toMatchObject({ ok: true })
    await expect(once()).resolves.toEqual({ ok: false, reason: 'replayed' })
  })

  test('asks the replay guard only about authentic requests, and the secret only once the cheap checks pass', async () => {
    const seen: string[] = []
    let secretLoads = 0
    const run = (headers: HeaderSource, now = NOW) =>
      verifyRequest({
        headers,
        body: BODY,
        secret: async () => {
          secretLoads++
          return SECRET
        },
        replayGuard: async (id) => {
          seen.push(id)
          return true
        },
        now,
      })
    await run({ ...signed, [SIGNATURE_HEADER]: `v1=${'0'.repeat(64)}` })
    expect(seen).toEqual([])
    expect(secretLoads).toBe(1)
    await run({}, NOW)
    await run({ ...signed }, NOW + 3_600_000)
    expect(secretLoads).toBe(1)
    await run({ ...signed })
    expect(seen).toEqual([signed[REQUEST_ID_HEADER]])
  })
})

describe('headerValue', () => {
  test('matches names case-insensitively', () => {
    expect(headerValue({ 'x-pb-timestamp': ['1'] }, 'X-PB-Timestamp')).toBe('1')
    expect(headerValue({ 'X-Pb-Timestamp': '2' }, 'x-pb-timestamp')).toBe('2')
    expect(headerValue(new Headers({ 'x-pb-timestamp': '3' }), 'X-PB-Timestamp')).toBe('3')
  })
})

describe('createMemoryReplayGuard', () => {
  test('forgets an id once its window has closed', async () => {
    let now = 1_000
    const guard = createMemoryReplayGuard(() => now)
    await expect(guard('request-id-0000000001', 1_300)).resolves.toBe(true)
    await expect(guard('request-id-0000000001', 1_300)).resolves.toBe(false)
    now = 1_301
    await expect(guard('request-id-0000000001', 1_601)).resolves.toBe(true)
  })
})

describe('secret', () => {
  test('is 32 random bytes in base64url, different every time', () => {
    const secrets = new Set(Array.from({ length: 20 }, () => generateSecret()))
    expect(secrets.size).toBe(20)
    for (const secret of secrets) {
      expect(isWellFormedSecret(secret)).toBe(true)
      const padded = secret.replace(/-/g, '+').replace(/_/g, '/') + '='
      expect(Buffer.from(padded, 'base64')).toHaveLength(32)
    }
    expect(isWellFormedSecret('not a secret')).toBe(false)
  })

  test('has a short, stable fingerprint that differs between secrets', async () => {
    await expect(secretFingerprint(SECRET)).resolves.toMatch(/^[0-9a-f]{12}$/)
    await expect(secretFingerprint(SECRET)).resolves.toBe(await secretFingerprint(SECRET))
    await expect(secretFingerprint(generateSecret())).resolves.not.toBe(await secretFingerprint(SECRET))
  })
})
