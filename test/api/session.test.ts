// Signing in and out: the cookie, the session behind it, fixation, expiry, password changes.
import { sha256Hex } from '../../portal-service/auth/random-token.js'
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, sessionCookieOf, type TestApp } from '../support/test-app.js'

describe.each(DIALECTS)('sessions on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(() => t.destroy())

  test('signing in sets an HttpOnly, SameSite=Lax session cookie and returns the user', async () => {
    const user = await t.createUser({ email: 'Ada.Lovelace@Example.com' })
    const response = await t.anonymous.post('/api/session', {
      email: 'ada.lovelace@example.com',
      password: user.password,
    })
    expect(response.status).toBe(200)
    expect(response.body.user).toEqual({
      id: user.id,
      email: 'ada.lovelace@example.com',
      name: user.name,
      companyId: user.companyId,
      siteAdmin: false,
      createdAt: user.createdAt,
    })
    expect(response.body.csrfToken).toEqual(expect.any(String))
    const cookie = response.headers
      .getSetCookie()
      .find((header) => header.startsWith('pb_session='))!
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).toMatch(/; Path=\//)
    // Served over plain http here: a Secure cookie would never come back.
    expect(cookie).not.toMatch(/; Secure/)
  })

  test('the email is matched regardless of case and surrounding spaces', async () => {
    const user = await t.createUser({ email: 'grace@example.com' })
    const response = await t.anonymous.post('/api/session', {
      email: '  GRACE@example.COM ',
      password: user.password,
    })
    expect(response.status).toBe(200)
  })

  test('GET /api/me answers with the user and the same CSRF token, only with the cookie', async () => {
    const alice = await t.newSession()
    const me = await alice.get('/api/me')
    expect(me.status).toBe(200)
    expect(me.body).toEqual({ user: alice.user, csrfToken: alice.csrfToken })
    const anonymous = await t.anonymous.get('/api/me')
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error.code).toBe('unauthenticated')
  })

  test('a wrong password and an unknown email get the same 401 answer', async () => {
    const user = await t.createUser()
    const wrong = await t.anonymous.post('/api/session', {
      email: user.email,
      password: 'not the password',
    })
    const unknown = await t.anonymous.post('/api/session', {
      email: 'nobody@example.com',
      password: 'not the password',
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body).toEqual(unknown.body)
    expect(wrong.body.error.code).toBe('invalid_credentials')
    expect(wrong.headers.getSetCookie()).toEqual([])
  })

  test('signing out ends the session on the server, not only in the browser', async () => {
    const alice = await t.newSession()
    const out = await alice.delete('/api/session')
    expect(out.status).toBe(204)
    expect(out.headers.getSetCookie().join()).toMatch(/pb_session=;.*Max-Age=0/)
    // Replaying the old cookie no longer works.
    expect((await alice.get('/api/me')).status).toBe(401)
    // Signing out again is harmless.
    expect((await t.anonymous.delete('/api/session')).status).toBe(204)
  })

  test('every sign-in gets a fresh session id, and the one the browser held ends (no fixation)', async () => {
    const user = await t.createUser()
    const first = await t.signIn(user)
    // Someone planted `first` in the victim's browser; the victim now signs in with it present.
    const response = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `pb_session=${first.sessionToken}` },
      body: JSON.stringify({ email: user.email, password: user.password }),
    })
    expect(response.status).toBe(200)
    const second = sessionCookieOf(response)
    expect(second).not.toBe(first.sessionToken)
    expect((await first.get('/api/me')).status).toBe(401)
    const viaSecond = await t.client({ Cookie: `pb_session=${second}` }).get('/api/me')
    expect(viaSecond.status).toBe(200)
  })

  test('the database keeps only a hash of the session id', async () => {
    const alice = await t.newSession()
    const rows = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('userId', '=', alice.user.id)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.idHash).toBe(sha256Hex(alice.sessionToken))
    expect(JSON.stringify(rows)).not.toContain(alice.sessionToken)
  })

  test('an unused session expires after a week; a used one stays alive', async () => {
    const idle = await t.newSession()
    const active = await t.newSession()
    for (let day = 0; day < 8; day += 1) {
      t.clock.advance(24 * 60 * 60 * 1000)
      expect((await active.get('/api/me')).status).toBe(200)
    }
    const expired = await idle.get('/api/me')
    expect(expired.status).toBe(401)
    // The stale cookie is cleared so the browser stops sending it.
    expect(expired.headers.getSetCookie().join()).toMatch(/pb_session=;/)
  })

  test('no session outlives 30 days, however active', async () => {
    const active = await t.newSession()
    for (let day = 0; day < 29; day += 1) {
      t.clock.advance(24 * 60 * 60 * 1000)
      expect((await active.get('/api/me')).status).toBe(200)
    }
    t.clock.advance(2 * 24 * 60 * 60 * 1000)
    expect((await active.get('/api/me')).status).toBe(401)
  })

  test('changing the password ends other sessions and needs the current password', async () => {
    const user = await t.createUser()
    const here = await t.signIn(user)
    const elsewhere = await t.signIn(user)

    const wrong = await here.post('/api/me/password', {
      currentPassword: 'wrong password',
      newPassword: 'a brand new passphrase',
    })
    expect(wrong.status).toBe(422)
    expect(wrong.body.error.code).toBe('wrong_password')
    const short = await here.post('/api/me/password', {
      currentPassword: user.password,
      newPassword: 'short',
    })
    expect(short.status).toBe(400)

    const changed = await here.post('/api/me/password', {
      currentPassword: user.password,
      newPassword: 'a brand new passphrase',
    })
    expect(changed.status).toBe(204)
    expect((await here.get('/api/me')).status).toBe(200)
    expect((await elsewhere.get('/api/me')).status).toBe(401)
    expect(
      (await t.anonymous.post('/api/session', { email: user.email, password: user.password }))
        .status,
    ).toBe(401)
    expect(
      (
        await t.anonymous.post('/api/session', {
          email: user.email,
          password: 'a brand new passphrase',
        })
      ).status,
    ).toBe(200)
  })

  test('an https public URL makes the cookie Secure', async () => {
    const secure = await createTestApp(dialect, {
      env: { PORTAL_PUBLIC_URL: 'https://portal.example.com' },
    })
    try {
      const user = await secure.createUser()
      const response = await secure.anonymous.post('/api/session', {
        email: user.email,
        password: user.password,
      })
      expect(response.status).toBe(200)
      expect(
        response.headers.getSetCookie().find((header) => header.startsWith('pb_session=')),
      ).toMatch(/; Secure/)
      expect(response.headers.get('Strict-Transport-Security')).toMatch(/max-age=/)
    } finally {
      await secure.destroy()
    }
  })
})
