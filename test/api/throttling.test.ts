// Login throttling: guessing passwords for one email, or from one address, is paused.
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, uniqueSuffix, type TestApp } from '../support/test-app.js'

const MINUTE = 60 * 1000

describe.each(DIALECTS)('login throttling on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    // Behind a proxy, so each test can speak from its own address.
    t = await createTestApp(dialect, { env: { TRUST_PROXY: '1' } })
  })
  afterAll(() => t.destroy())

  const from = (ip: string) => t.client({ 'X-Forwarded-For': `203.0.113.99, ${ip}` })
  const newIp = () => `198.51.100.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`

  test('after 5 failures for an email, even the right password waits, with Retry-After', async () => {
    const user = await t.createUser()
    const ip = newIp()
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(
        (await from(ip).post('/api/session', { email: user.email, password: 'guess' })).status,
      ).toBe(401)
    }
    const blocked = await from(newIp()).post('/api/session', {
      email: user.email,
      password: user.password,
    })
    expect(blocked.status).toBe(429)
    expect(blocked.body.error.code).toBe('too_many_attempts')
    const retryAfter = Number(blocked.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThan(14 * 60)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)

    t.clock.advance(retryAfter * 1000)
    expect(
      (await from(newIp()).post('/api/session', { email: user.email, password: user.password }))
        .status,
    ).toBe(200)
  })

  test('unknown emails are throttled the same way (no hint that they do not exist)', async () => {
    const email = `ghost-${uniqueSuffix()}@example.com`
    const answers = []
    for (let attempt = 0; attempt < 6; attempt += 1) {
      answers.push(await from(newIp()).post('/api/session', { email, password: 'guess' }))
    }
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429])
  })

  test('a successful sign-in clears the email’s earlier failures', async () => {
    const user = await t.createUser()
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await from(newIp()).post('/api/session', { email: user.email, password: 'typo' })
    }
    expect(
      (await from(newIp()).post('/api/session', { email: user.email, password: user.password }))
        .status,
    ).toBe(200)
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect(
        (await from(newIp()).post('/api/session', { email: user.email, password: 'typo' })).status,
      ).toBe(401)
    }
    expect(
      (await from(newIp()).post('/api/session', { email: user.email, password: user.password }))
        .status,
    ).toBe(200)
  })

  test('20 failures from one address pause it for every email', async () => {
    const ip = newIp()
    // Real accounts, one guess each: no single email reaches its own limit.
    const companyId = (await t.createCompany()).id
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const { email } = await t.createUser({ companyId })
      expect((await from(ip).post('/api/session', { email, password: 'Winter2026!' })).status).toBe(
        401,
      )
    }
    const user = await t.createUser()
    const blocked = await from(ip).post('/api/session', {
      email: user.email,
      password: user.password,
    })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0)
    // The same user from elsewhere is fine: the email itself has no failures.
    expect(
      (await from(newIp()).post('/api/session', { email: user.email, password: user.password }))
        .status,
    ).toBe(200)
  })

  test('failures older than 15 minutes no longer count', async () => {
    const user = await t.createUser()
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await from(newIp()).post('/api/session', { email: user.email, password: 'typo' })
    }
    t.clock.advance(16 * MINUTE)
    expect(
      (await from(newIp()).post('/api/session', { email: user.email, password: 'typo' })).status,
    ).toBe(401)
    expect(
      (await from(newIp()).post('/api/session', { email: user.email, password: user.password }))
        .status,
    ).toBe(200)
  })

  test('wrong current passwords on a password change count as failures', async () => {
    const user = await t.createUser()
    const session = await t.signIn(user)
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const answer = await session.post('/api/me/password', {
        currentPassword: 'guess',
        newPassword: 'long enough new password',
      })
      expect(answer.status).toBe(422)
    }
    const blocked = await session.post('/api/me/password', {
      currentPassword: user.password,
      newPassword: 'long enough new password',
    })
    expect(blocked.status).toBe(429)
  })
})
