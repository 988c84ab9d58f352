// Issue 8, item 5 (security): what protects people using the portal in a browser, on every route the app serves: CSRF, session fixation, login throttling, secure headers.
// Proven elsewhere for the API's sign-in: a missing or wrong token and a cross-origin request
// (test/api/csrf.test.ts), a fresh session id on every sign-in (test/api/session.test.ts), and
// throttling by email and by address (test/api/throttling.test.ts). This suite takes every route
// from the app itself (`app.routes` and the OpenAPI document), so pages are covered as they land.
import { readdirSync } from 'node:fs'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { sessionCookieOf, type ApiResponse, type Client, type SessionClient } from '../support/test-app.js'
import { loadOperations, type ApiOperation } from './support/api-operations.js'

const ASSETS = readdirSync(new URL('../../portal-service/pages/assets/', import.meta.url))
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

describe('protections on every route', () => {
  let f: JiraFixture
  let manager: SessionClient
  let values: Record<string, string>
  let apiWrites: ApiOperation[]
  /** Distinct `METHOD /path` the app serves outside /api (the web pages). */
  let pageRoutes: { method: string; path: string }[]
  let getRoutes: string[]
  /** What the manager sees before the forged requests. */
  let before: unknown
  const state = async () =>
    Promise.all([f.api(), f.api('/jira'), f.api(`/initiatives/${values.initiativeId}`), f.api('/members'), f.api('/initiatives'), '/api/me/tokens'].map(async (path) => (await manager.get(path)).body))

  beforeAll(async () => {
    f = await createJiraFixture('sqlite')
    manager = f.people.manager
    const keys = f.sandbox.store.projects().slice(0, 2).map((p) => p.key)
    await f.connect(keys)
    const initiativeId = await f.createInitiative('Protected')
    const epic = f.sandbox.store.epics(keys[0])[0]!
    await f.linkEpic(initiativeId, epic.key)
    values = { portfolioId: f.portfolioId, initiativeId, epicKey: epic.key, projectKey: keys[1]!, userId: f.people.viewer.user.id, tokenId: crypto.randomUUID(), deliveryId: 'A'.repeat(32) }
    apiWrites = (await loadOperations(f.t.anonymous)).operations.filter((op) => UNSAFE.has(op.method))
    const routes = new Map(f.t.app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }]))
    pageRoutes = [...routes.values()].filter((r) => !r.path.startsWith('/api/') && UNSAFE.has(r.method))
    getRoutes = [...routes.values()].filter((r) => r.method === 'GET').map((r) => r.path)
    before = await state()
  })
  afterAll(() => f.destroy())

  const fill = (path: string, name = ASSETS[0]!) =>
    path.replace(/[:{](\w+)\}?/g, (_, param: string) => encodeURIComponent(param === 'name' ? name : (values[param] ?? crypto.randomUUID())))

  /** A client with the manager's cookie and whatever else is given; nothing else. */
  const withCookie = (headers: Record<string, string> = {}): Client => f.t.client({ Cookie: `pb_session=${manager.sessionToken}`, ...headers })

  describe('CSRF', () => {
    test('every unsafe API operation refuses a session without its token, with another session’s token, or from another site', async () => {
      const other = f.people.contributor.csrfToken
      for (const op of apiWrites) {
        const url = fill(op.path)
        const attempts: [string, Client][] = [
          ['cross-site, with the right token', withCookie({ 'X-CSRF-Token': manager.csrfToken, Origin: 'https://evil.example' })],
          ['from a sandboxed frame (Origin: null)', withCookie({ 'X-CSRF-Token': manager.csrfToken, Origin: 'null' })],
        ]
        // Signing in needs no token (there is no session to derive it from); the origin still counts.
        if (op.key !== 'POST /api/session') attempts.push(['no token', withCookie()], ['another session’s token', withCookie({ 'X-CSRF-Token': other })])
        for (const [how, client] of attempts) {
          const answer = await client.call(op.method, url, { body: {} })
          expect({ op: op.key, how, status: answer.status, code: answer.body.error?.code }).toEqual({ op: op.key, how, status: 403, code: 'csrf_failed' })
        }
      }
    })

    test('every form the pages post refuses a session without its token, with another session’s token, or from another site', async () => {
      expect(pageRoutes.length).toBeGreaterThan(0)
      const form = (token?: string) => new URLSearchParams({ ...(token ? { _csrf: token } : {}), name: 'Forged' }).toString()
      const other = f.people.contributor.csrfToken
      for (const route of pageRoutes) {
        const url = fill(route.path)
        const attempts: [string, Client, string][] = [
          ['no token', withCookie(), form()],
          ['another session’s token', withCookie(), form(other)],
          ['cross-site, with the right token', withCookie({ Origin: 'https://evil.example' }), form(manager.csrfToken)],
        ]
        for (const [how, client, body] of attempts) {
          const answer = await client.call(route.method, url, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, rawBody: body })
          expect({ route: `${route.method} ${route.path}`, how, status: answer.status }).toEqual({ route: `${route.method} ${route.path}`, how, status: 403 })
        }
      }
    })

    test('after all those forged requests nothing changed, and the session still works', async () => {
      expect(await state()).toEqual(before)
      expect((await manager.get('/api/me')).status).toBe(200)
    })
  })

  describe('signing in from the page', () => {
    const signInForm = (email: string, password: string, csrf = '') =>
      new URLSearchParams({ email, password, next: '/portfolios', ...(csrf ? { _csrf: csrf } : {}) }).toString()
    const postForm = (client: Client, body: string) =>
      client.call('POST', '/sign-in', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, rawBody: body })

    test('a session planted in the browser is replaced, and ends, when someone signs in (no fixation)', async () => {
      const attacker = await f.t.newSession()
      const victim = await f.t.createUser()
      // The attacker's own valid session sits in the victim's browser; its CSRF token is the attacker's to know.
      const planted = f.t.client({ Cookie: `pb_session=${attacker.sessionToken}` })
      const answer = await postForm(planted, signInForm(victim.email, victim.password, attacker.csrfToken))
      expect(answer.status).toBe(303)
      const issued = sessionCookieOf(answer)
      expect(issued).not.toBe(attacker.sessionToken)
      expect((await attacker.get('/api/me')).status).toBe(401)
      expect((await f.t.client({ Cookie: `pb_session=${issued}` }).get('/api/me')).body.user.id).toBe(victim.id)
    })

    test('guessing a password is throttled on the page too, counting the API’s failures', async () => {
      const user = await f.t.createUser()
      for (let i = 0; i < 3; i++) expect((await f.t.anonymous.post('/api/session', { email: user.email, password: `guess ${i}` })).status).toBe(401)
      for (let i = 0; i < 2; i++) expect((await postForm(f.t.anonymous, signInForm(user.email, `page guess ${i}`))).status).toBe(401)
      const blocked = await postForm(f.t.anonymous, signInForm(user.email, user.password))
      expect(blocked.status).toBe(429)
      expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0)
      expect(blocked.headers.getSetCookie()).toEqual([])
    })
  })

  describe('secure headers', () => {
    function expectSecureHeaders(response: ApiResponse, where: string) {
      const csp = response.headers.get('Content-Security-Policy') ?? ''
      const directive = (name: string) => new RegExp(`(?:^|;)\\s*${name}\\s+([^;]*)`).exec(csp)?.[1]
      // Scripts: only the portal's own and this response's nonce (the image relay allows no script at all).
      const scripts = directive('script-src') ?? directive('default-src') ?? ''
      expect({ where, frameAncestors: directive('frame-ancestors'), unsafeScripts: /unsafe-inline|unsafe-eval|\*/.test(scripts), scripts: scripts !== '' }).toEqual({
        where,
        frameAncestors: "'none'",
        unsafeScripts: false,
        scripts: true,
      })
      expect({ where, nosniff: response.headers.get('X-Content-Type-Options') }).toEqual({ where, nosniff: 'nosniff' })
      expect({ where, referrer: response.headers.get('Referrer-Policy') }).toEqual({ where, referrer: expect.stringMatching(/^(no-referrer|same-origin|strict-origin)/) })
      expect({ where, frame: response.headers.get('X-Frame-Options') }).toEqual({ where, frame: 'DENY' })
      // HTML: every inline script or style carries this response's nonce; nothing runs without one.
      if ((response.headers.get('Content-Type') ?? '').includes('text/html')) {
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
        const html = String(response.body)
        for (const tag of html.match(/<(script|style)\b[^>]*>/g) ?? []) {
          if (/\bsrc=/.test(tag)) continue
          expect({ where, tag }).toEqual({ where, tag: expect.stringContaining(`nonce="${nonce}"`) })
        }
        expect({ where, inlineHandlers: /\son[a-z]+=["']/i.test(html) }).toEqual({ where, inlineHandlers: false })
      }
    }

    test('every GET route the app serves, pages included, for a member and for an anonymous caller', async () => {
      expect(getRoutes.some((path) => !path.startsWith('/api/'))).toBe(true)
      for (const path of getRoutes) {
        const names = path.includes(':name') ? ASSETS : [undefined]
        for (const name of names) {
          const url = fill(path, name)
          for (const [who, client] of [['manager', manager], ['anonymous', f.t.anonymous]] as const) {
            const response = await client.get(url, { Accept: 'text/html,application/json' })
            expect(response.status, `${who} GET ${url}`).toBeLessThan(500)
            expectSecureHeaders(response, `${who} GET ${url} (${response.status})`)
          }
        }
      }
    })

    test('error answers too: unknown routes, refusals, oversized bodies, bad tokens', async () => {
      const cases: [string, Promise<ApiResponse>][] = [
        ['unknown API route', f.t.anonymous.get('/api/nothing-here')],
        ['unknown page', f.t.anonymous.get('/nothing-here', { Accept: 'text/html' })],
        ['anonymous API call', f.t.anonymous.get(f.api())],
        ['forbidden', f.people.viewer.delete(f.api())],
        ['invalid bearer token', f.t.client({ Authorization: 'Bearer pbt_nonsense' }).get('/api/me')],
        ['csrf refusal', withCookie().post(f.api('/initiatives'), { name: 'x' })],
        ['oversized body', manager.call('POST', f.api('/initiatives'), { headers: { 'Content-Type': 'application/json' }, rawBody: 'x'.repeat(1024 * 1024 + 1) })],
        ['malformed JSON', manager.call('POST', f.api('/initiatives'), { headers: { 'Content-Type': 'application/json' }, rawBody: '{' })],
      ]
      for (const [what, pending] of cases) {
        const response = await pending
        expect(response.status, what).toBeGreaterThanOrEqual(400)
        expectSecureHeaders(response, what)
      }
    })
  })
})
