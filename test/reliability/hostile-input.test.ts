// Issue 8, item 4: generated hostile bodies, query strings and path parameters on every write route and the web trigger get documented 4xx, never 5xx; oversized bodies are refused before they are read.
// Write routes come from GET /api/openapi.json, so a new route is fuzzed without editing this file.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import fc from 'fast-check'
import { MAX_BODY_BYTES } from '../../portal-service/app.js'
import { createIntegration } from '../../portal-service/jira/integration.js'
import { createSafeFetch } from '../../portal-service/jira/safe-fetch.js'
import { installForgeRuntime, type ForgeRuntime } from '../../forge-app/local/forge-runtime.js'
import { operationFailureSchema, refusalSchema } from '../../shared/contract/answers.js'
import { OPERATIONS } from '../../shared/contract/operations.js'
import { generateSecret } from '../../shared/contract/secret.js'
import { REQUEST_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../shared/contract/signing.js'
import type { FetchFunction } from '../../shared/jira/requester.js'
import { callWebTrigger, signedCall } from '../forge/portal-caller.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { createTestApp, type ApiResponse, type Client } from '../support/test-app.js'
import { DIALECTS } from '../support/test-database.js'
import { isWrite, loadOperations, resolve, type ApiOperation, type OpenApiDocument } from './support/api-operations.js'
import { contentType, hostileBody, hostileQuery, hostileSegment, hostileString, hostileValue } from './support/hostile-values.js'

/** Hostile requests per database, spread evenly over the write routes. */
const CASES = { sqlite: 1_000, postgres: 400 } as const
/** Fixed so every run sends the same requests; set FUZZ_SEED to explore others (a failure prints its seed). */
const SEED = Number(process.env.FUZZ_SEED ?? 8_2026)

// The routes are read from the app's own document before the suites are declared.
const discovered = await (async () => {
  const t = await createTestApp('sqlite')
  try {
    return await loadOperations(t.anonymous)
  } finally {
    await t.destroy()
  }
})()
const WRITE_ROUTES = discovered.operations.filter(isWrite)

/** Jira only on the sandbox: any other site the fuzz invents is refused here, not looked up on the network. */
function sandboxOnlyFetch(sandboxOrigin: string): FetchFunction {
  const safe = createSafeFetch({ allowInsecure: true })
  return async (url, init) => {
    if (new URL(url).origin !== sandboxOrigin) throw Object.assign(new Error(`the test refuses ${url}`), { code: 'ECONNREFUSED' })
    return safe(url, init)
  }
}

function fieldNames(document: OpenApiDocument, route: ApiOperation): string[] {
  const schema = resolve(document, route.body ?? undefined)
  const variants = [schema, ...(((schema.oneOf ?? schema.anyOf) as Record<string, unknown>[] | undefined) ?? [])]
  return [...new Set(variants.flatMap((variant) => Object.keys((resolve(document, variant).properties ?? {}) as object)))]
}

/** The answer is below 500, and a 4xx is one the route documents, in the one error shape. */
function expectDocumented(route: ApiOperation, response: ApiResponse, sent: string) {
  const where = `${route.key} ← ${sent}`
  expect(response.status, where).toBeLessThan(500)
  if (response.status < 400) return
  expect([...route.documented], `${where}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)} is not documented`).toContain(response.status)
  expect(response.body, where).toEqual({
    error: { code: expect.any(String), message: expect.any(String), details: expect.toSatisfy((d) => d !== undefined) },
  })
}

describe.each(DIALECTS)('hostile input to every write route on %s', (dialect) => {
  let f: JiraFixture
  let callers: Record<'token' | 'admin' | 'cookieWithoutCsrf' | 'anonymous', Client>
  let valid: Record<string, string>
  const sent = new Map<string, number>()
  const statuses = new Map<number, number>()
  const runs = Math.ceil(CASES[dialect] / WRITE_ROUTES.length)

  beforeAll(async () => {
    f = await createJiraFixture(dialect, {
      app: {
        deps: (core) =>
          createIntegration({
            ...core,
            transport: { fetch: sandboxOnlyFetch(new URL(core.config.jiraGatewayUrl).origin), retry: { maxRetries: 0 }, timeoutMs: 2_000 },
          }),
      },
    })
    const projects = f.sandbox.store.projects().slice(0, 2).map((p) => p.key)
    await f.connect(projects)
    const initiativeId = await f.createInitiative('Fuzzed')
    const epic = f.sandbox.store.epics(projects[0])[0]!
    await f.linkEpic(initiativeId, epic.key)
    const { manager } = f.people
    const token = (await manager.post('/api/me/tokens', { name: 'fuzz' })).body.token as string
    const spare = (await manager.post('/api/me/tokens', { name: 'spare' })).body.id as string
    const admin = await f.t.newSession({ siteAdmin: true })
    const adminToken = (await admin.post('/api/me/tokens', { name: 'fuzz admin' })).body.token as string
    // Someone whose membership and account the fuzz may change without hurting the callers.
    const target = await f.t.createUser({ companyId: manager.user.companyId })
    await manager.post(f.api('/members'), { userId: target.id, role: 'viewer' })
    callers = {
      token: f.t.client({ Authorization: `Bearer ${token}` }),
      admin: f.t.client({ Authorization: `Bearer ${adminToken}` }),
      cookieWithoutCsrf: f.t.client({ Cookie: `pb_session=${manager.sessionToken}` }),
      anonymous: f.t.anonymous,
    }
    valid = {
      portfolioId: f.portfolioId,
      initiativeId,
      userId: target.id,
      tokenId: spare,
      projectKey: projects[1]!,
      epicKey: epic.key,
      deliveryId: 'A'.repeat(32),
    }
  })
  afterAll(() => f.destroy())

  test.each(WRITE_ROUTES.map((route) => [route.key, route] as const))('%s: hostile bodies, queries and path parameters get documented 4xx', async (_, route) => {
    const adminRoute = /^\/api\/(companies|users)\b/.test(route.path)
    // Valid ids let bodies reach the handlers; a DELETE with valid ids would only destroy the fixture.
    const path = fc.tuple(...route.pathParams.map((name) => hostileSegment(route.method === 'DELETE' ? undefined : valid[name])))
    const caller = fc.constantFrom<keyof typeof callers>('token', 'token', 'token', 'cookieWithoutCsrf', 'anonymous')
    await fc.assert(
      fc.asyncProperty(path, hostileQuery, hostileBody(fieldNames(discovered.document, route)), contentType, caller, async (segments, query, body, type, who) => {
        let i = 0
        const url = route.path.replace(/\{\w+\}/g, () => segments[i++]!) + query
        const client = callers[who === 'token' && adminRoute ? 'admin' : who]
        const response = await client.call(route.method, url, { headers: type ? { 'Content-Type': type } : {}, rawBody: body })
        sent.set(route.key, (sent.get(route.key) ?? 0) + 1)
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        expectDocumented(route, response, `${who} ${url.slice(0, 120)} [${type}] ${body.slice(0, 120)}`)
      }),
      { numRuns: runs, seed: SEED },
    )
  })

  test(`at least ${CASES[dialect]} hostile requests reached every write route, and most got past sign-in`, async () => {
    expect([...sent.keys()].sort()).toEqual(WRITE_ROUTES.map((r) => r.key).sort())
    const total = [...sent.values()].reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThanOrEqual(CASES[dialect])
    // The fuzz is only worth something if it reaches validation and the handlers.
    const deeper = [...statuses].filter(([status]) => status !== 401 && status !== 403).reduce((a, [, n]) => a + n, 0)
    expect(deeper / total).toBeGreaterThan(0.5)
    // The fixture survived: the fuzz changed nothing it should not have been allowed to.
    expect((await f.people.manager.get(f.api('/jira'))).status).toBe(200)
  })
})

describe('bodies over 1 MB', () => {
  let close: () => Promise<void>
  let port: number
  let t: Awaited<ReturnType<typeof createTestApp>>

  beforeAll(async () => {
    t = await createTestApp('sqlite')
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise<void>((ready) => server.once('listening', ready))
    port = (server.address() as AddressInfo).port
    close = () => new Promise((done) => server.close(() => done()))
  })
  afterAll(async () => {
    await close()
    await t.destroy()
  })

  /** Sends headers, then body chunks until an answer arrives (or `limit` bytes); resolves with what was sent by then. */
  function send(method: string, path: string, declared: number | null, limit: number) {
    return new Promise<{ status: number; body: string; bytesSent: number; finished: boolean }>((done, fail) => {
      const headers: Record<string, string | number> = { 'Content-Type': 'application/json' }
      if (declared !== null) headers['Content-Length'] = declared
      const request = httpRequest({ host: '127.0.0.1', port, method, path, headers })
      let bytesSent = 0
      let answered = false
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      request.on('response', (response: IncomingMessage) => {
        answered = true
        let body = ''
        response.on('data', (data: Buffer) => (body += data.toString()))
        response.on('end', () => {
          done({ status: response.statusCode ?? 0, body, bytesSent, finished: bytesSent >= limit })
          request.destroy()
        })
      })
      request.on('error', (error) => (answered ? undefined : fail(error)))
      request.flushHeaders()
      const pump = () => {
        if (answered || declared !== null || bytesSent >= limit) return
        bytesSent += chunk.length
        if (request.write(chunk)) setImmediate(pump)
        else request.once('drain', pump)
      }
      // Give the server a moment to answer from the headers alone before any body byte leaves.
      setTimeout(pump, 20)
    })
  }

  test.each(WRITE_ROUTES.map((route) => [route.key, route] as const))('%s: a declared length over 1 MB is refused with 413 before any body byte is sent', async (_, route) => {
    const path = route.path.replace(/\{\w+\}/g, () => crypto.randomUUID())
    const answer = await send(route.method, path, MAX_BODY_BYTES + 1, 0)
    expect(answer.bytesSent).toBe(0)
    expect({ status: answer.status, body: JSON.parse(answer.body) }).toEqual({
      status: 413,
      body: { error: { code: 'body_too_large', message: expect.any(String), details: null } },
    })
    expect([...route.documented]).toContain(413)
  })

  test.each(WRITE_ROUTES.map((route) => [route.key, route] as const))('%s: a streamed body is answered long before it is all sent (413 where a body is read)', async (_, route) => {
    const path = route.path.replace(/\{\w+\}/g, () => crypto.randomUUID())
    const limit = 32 * MAX_BODY_BYTES
    const answer = await send(route.method, path, null, limit)
    // The client still had most of its 32 MB to send when the answer came back.
    expect(answer.finished).toBe(false)
    expect(answer.bytesSent).toBeLessThan(limit / 2)
    // A route that reads a body stops at the limit; one that takes none answers without reading it.
    if (route.body) expect({ status: answer.status, code: JSON.parse(answer.body).error?.code }).toEqual({ status: 413, code: 'body_too_large' })
    else expect(answer.status).toBeLessThan(500)
  })
})

describe('hostile calls to the Forge web trigger', () => {
  const SECRET = generateSecret()
  let runtime: ForgeRuntime
  let warn: ReturnType<typeof vi.spyOn>
  beforeAll(async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    // No Jira at all: a request that got through to Jira would fail loudly instead of answering.
    runtime = installForgeRuntime({})
    const { kvs } = await import('@forge/kvs')
    await kvs.setSecret('portal-secret', SECRET)
  })
  afterAll(() => {
    runtime.uninstall()
    warn.mockRestore()
  })

  const headerName = fc.constantFrom(TIMESTAMP_HEADER, SIGNATURE_HEADER, REQUEST_ID_HEADER, 'Content-Type', 'x-pb-timestamp', 'X-Forwarded-For')
  const unsigned = fc.record({
    method: fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'post', '', 'X'.repeat(100)),
    headers: fc.dictionary(headerName, fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 })), { maxKeys: 5 }),
    body: fc.oneof(hostileString, fc.jsonValue().map((v) => JSON.stringify(v))),
  })

  test('300 unsigned, forged or mangled requests are all refused with 401, in the contract’s shape', async () => {
    let calls = 0
    await fc.assert(
      fc.asyncProperty(unsigned, async (call) => {
        calls++
        const answer = await callWebTrigger(call as never)
        expect(answer.status, JSON.stringify(call).slice(0, 300)).toBe(401)
        expect(refusalSchema.safeParse(answer.body).success).toBe(true)
      }),
      { numRuns: 300, seed: SEED },
    )
    expect(calls).toBe(300)
    expect(runtime.jiraCalls).toEqual([])
  })

  test('200 authentic requests with hostile contents: a 400/405 refusal or a relayed Jira failure, in the contract’s shapes, never a throw or a 500', async () => {
    const operation = fc.constantFrom(...Object.keys(OPERATIONS), 'deleteEverything', '__proto__', '')
    const contents = fc.oneof(
      fc.record({ operation, extra: fc.dictionary(hostileString, hostileValue, { maxKeys: 4 }) }).map(({ operation, extra }) => JSON.stringify({ ...extra, operation })),
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    )
    await fc.assert(
      fc.asyncProperty(contents, async (body) => {
        const answer = await callWebTrigger(await signedCall(body, { secret: SECRET }))
        const where = `${answer.status} ${body.slice(0, 300)}`
        expect([200, 400, 403, 405, 502], where).toContain(answer.status)
        // With no Jira behind this runtime, an operation that got through comes back as the
        // contract's Jira failure (502, or 403 not_allowed), which the portal reads from the body.
        if (answer.status === 502 || answer.status === 403) expect(operationFailureSchema.safeParse(answer.body).success, where).toBe(true)
        if (answer.status === 400 || answer.status === 405) expect(refusalSchema.safeParse(answer.body).success, where).toBe(true)
      }),
      { numRuns: 200, seed: SEED },
    )
  })
})
