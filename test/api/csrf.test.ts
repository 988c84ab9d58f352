// Cross-site request forgery: cookie-authenticated changes need the session's token and our origin.
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

describe.each(DIALECTS)('CSRF protection on %s', (dialect) => {
  let t: TestApp
  let alice: SessionClient
  let companyId: string
  beforeAll(async () => {
    t = await createTestApp(dialect)
    companyId = (await t.createCompany()).id
    alice = await t.newSession({ companyId })
  })
  afterAll(() => t.destroy())

  const cookieOnly = () => t.client({ Cookie: `pb_session=${alice.sessionToken}` })

  test('a change with the cookie but without the token is refused', async () => {
    const response = await cookieOnly().post('/api/portfolios', { name: 'Forged', companyId })
    expect(response.status).toBe(403)
    expect(response.body.error.code).toBe('csrf_failed')
    const portfolios = await alice.get('/api/portfolios')
    expect(portfolios.body.portfolios).toEqual([])
  })

  test('a wrong token, or another session’s token, is refused', async () => {
    const bob = await t.newSession({ companyId })
    for (const token of ['nonsense', bob.csrfToken, '']) {
      const response = await cookieOnly().post(
        '/api/portfolios',
        { name: 'Forged', companyId },
        { 'X-CSRF-Token': token },
      )
      expect(response.status).toBe(403)
      expect(response.body.error.code).toBe('csrf_failed')
    }
  })

  test('the token from sign-in (and GET /api/me) lets the change through', async () => {
    const response = await alice.post('/api/portfolios', { name: 'Genuine', companyId })
    expect(response.status).toBe(201)
  })

  test('reads need no token', async () => {
    expect((await cookieOnly().get('/api/portfolios')).status).toBe(200)
  })

  test('sign-out is protected too', async () => {
    const response = await cookieOnly().delete('/api/session')
    expect(response.status).toBe(403)
    expect((await alice.get('/api/me')).status).toBe(200)
  })

  test('a `_csrf` form field is accepted in place of the header (for HTML forms)', async () => {
    const user = await t.createUser({ companyId })
    const session = await t.signIn(user)
    const response = await t
      .client({ Cookie: `pb_session=${session.sessionToken}` })
      .call('DELETE', '/api/session', {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        rawBody: new URLSearchParams({ _csrf: session.csrfToken }).toString(),
      })
    expect(response.status).toBe(204)
    expect((await session.get('/api/me')).status).toBe(401)
  })

  test('a request from another origin is refused even with the token', async () => {
    const response = await alice.post(
      '/api/portfolios',
      { name: 'Cross-site', companyId },
      { Origin: 'https://evil.example' },
    )
    expect(response.status).toBe(403)
    expect(response.body.error).toMatchObject({
      code: 'csrf_failed',
      details: { reason: 'origin' },
    })
    const same = await alice.post(
      '/api/portfolios',
      { name: 'Same origin', companyId },
      { Origin: 'http://localhost' },
    )
    expect(same.status).toBe(201)
  })

  test('signing in from another origin is refused (login CSRF)', async () => {
    const user = await t.createUser({ companyId })
    const response = await t.anonymous.post(
      '/api/session',
      { email: user.email, password: user.password },
      { Origin: 'https://evil.example' },
    )
    expect(response.status).toBe(403)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  test('requests with a personal access token need no CSRF token', async () => {
    const created = await alice.post('/api/me/tokens', { name: 'script' })
    const script = t.client({ Authorization: `Bearer ${created.body.token}` })
    const response = await script.post('/api/portfolios', { name: 'By script', companyId })
    expect(response.status).toBe(201)
  })

  test('with PORTAL_PUBLIC_URL set, only that origin is ours', async () => {
    const behindProxy = await createTestApp(dialect, {
      env: { PORTAL_PUBLIC_URL: 'https://portal.example.com' },
    })
    try {
      const user = await behindProxy.createUser()
      const signIn = (origin: string) =>
        behindProxy.anonymous.post(
          '/api/session',
          { email: user.email, password: user.password },
          { Origin: origin },
        )
      expect((await signIn('http://localhost')).status).toBe(403)
      expect((await signIn('https://portal.example.com')).status).toBe(200)
    } finally {
      await behindProxy.destroy()
    }
  })
})
