// Site admins create companies and users; everyone else sees only what they need to pick members.
import { DIALECTS } from '../support/test-database.js'
import {
  createTestApp,
  uniqueSuffix,
  type SessionClient,
  type TestApp,
} from '../support/test-app.js'

describe.each(DIALECTS)('companies and users on %s', (dialect) => {
  let t: TestApp
  let admin: SessionClient
  let member: SessionClient
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await t.newSession({ siteAdmin: true })
    member = await t.newSession()
  })
  afterAll(() => t.destroy())

  describe('companies', () => {
    test('a site admin creates and lists companies', async () => {
      const name = `Initech ${uniqueSuffix()}`
      const created = await admin.post('/api/companies', { name: `  ${name}  ` })
      expect(created.status).toBe(201)
      expect(created.body).toEqual({ id: expect.any(String), name, createdAt: expect.any(String) })
      const listed = await admin.get('/api/companies')
      expect(listed.status).toBe(200)
      expect(listed.body.companies).toContainEqual(created.body)
    })

    test('company names are unique regardless of case', async () => {
      const name = `Umbrella ${uniqueSuffix()}`
      expect((await admin.post('/api/companies', { name })).status).toBe(201)
      const duplicate = await admin.post('/api/companies', { name: name.toUpperCase() })
      expect(duplicate.status).toBe(409)
      expect(duplicate.body.error.code).toBe('company_exists')
    })

    test('other users may neither create nor list companies', async () => {
      const created = await member.post('/api/companies', { name: 'Sneaky Co' })
      expect(created.status).toBe(403)
      expect(created.body.error.code).toBe('forbidden')
      expect((await member.get('/api/companies')).status).toBe(403)
    })

    test('a blank name is refused', async () => {
      const response = await admin.post('/api/companies', { name: '   ' })
      expect(response.status).toBe(400)
      expect(response.body.error.details.issues[0].path).toBe('name')
    })
  })

  describe('creating users', () => {
    test('a site admin creates a user who can then sign in', async () => {
      const company = await t.createCompany()
      const email = `New.Hire-${uniqueSuffix()}@Example.com`
      const created = await admin.post('/api/users', {
        email,
        name: 'New Hire',
        password: 'correct horse battery staple',
        companyId: company.id,
      })
      expect(created.status).toBe(201)
      expect(created.body).toEqual({
        id: expect.any(String),
        email: email.toLowerCase(),
        name: 'New Hire',
        companyId: company.id,
        siteAdmin: false,
        createdAt: expect.any(String),
      })
      const signIn = await t.anonymous.post('/api/session', {
        email,
        password: 'correct horse battery staple',
      })
      expect(signIn.status).toBe(200)
    })

    test('a site admin can make another site admin', async () => {
      const company = await t.createCompany()
      const created = await admin.post('/api/users', {
        email: `admin-${uniqueSuffix()}@example.com`,
        name: 'Second Admin',
        password: 'correct horse battery staple',
        companyId: company.id,
        siteAdmin: true,
      })
      expect(created.body.siteAdmin).toBe(true)
      const second = await t.signIn({
        email: created.body.email,
        password: 'correct horse battery staple',
      })
      expect((await second.get('/api/companies')).status).toBe(200)
    })

    test('emails are unique regardless of case', async () => {
      const existing = await t.createUser()
      const duplicate = await admin.post('/api/users', {
        email: existing.email.toUpperCase(),
        name: 'Twin',
        password: 'correct horse battery staple',
        companyId: existing.companyId,
      })
      expect(duplicate.status).toBe(409)
      expect(duplicate.body.error.code).toBe('email_taken')
    })

    test('passwords shorter than 12 characters, bad emails and missing fields are refused', async () => {
      const company = await t.createCompany()
      const base = {
        email: `x-${uniqueSuffix()}@example.com`,
        name: 'X',
        password: 'long enough password',
        companyId: company.id,
      }
      for (const [field, body] of [
        ['password', { ...base, password: 'elevenchars' }],
        ['email', { ...base, email: 'not-an-email' }],
        ['companyId', { ...base, companyId: 'acme' }],
        ['name', { ...base, name: undefined }],
      ] as const) {
        const response = await admin.post('/api/users', body)
        expect(response.status).toBe(400)
        expect(response.body.error.code).toBe('validation_failed')
        expect(
          response.body.error.details.issues.map((issue: { path: string }) => issue.path),
        ).toContain(field)
      }
    })

    test('an unknown company is 422', async () => {
      const response = await admin.post('/api/users', {
        email: `orphan-${uniqueSuffix()}@example.com`,
        name: 'Orphan',
        password: 'long enough password',
        companyId: crypto.randomUUID(),
      })
      expect(response.status).toBe(422)
      expect(response.body.error.code).toBe('unprocessable')
    })

    test('other users cannot create users', async () => {
      const response = await member.post('/api/users', {
        email: `intruder-${uniqueSuffix()}@example.com`,
        name: 'Intruder',
        password: 'long enough password',
        companyId: member.user.companyId,
        siteAdmin: true,
      })
      expect(response.status).toBe(403)
    })
  })

  describe('changing users', () => {
    test('a site admin resets a forgotten password; the user’s sessions end', async () => {
      const user = await t.createUser()
      const session = await t.signIn(user)
      const reset = await admin.patch(`/api/users/${user.id}`, {
        password: 'a fresh reset password',
      })
      expect(reset.status).toBe(200)
      expect(reset.body).toMatchObject({ id: user.id, email: user.email })
      expect((await session.get('/api/me')).status).toBe(401)
      const signIn = (password: string) =>
        t.anonymous.post('/api/session', { email: user.email, password })
      expect((await signIn(user.password)).status).toBe(401)
      expect((await signIn('a fresh reset password')).status).toBe(200)
    })

    test('renaming and granting site admin; the last site admin cannot be removed', async () => {
      const user = await t.createUser()
      const granted = await admin.patch(`/api/users/${user.id}`, {
        name: 'Renamed',
        siteAdmin: true,
      })
      expect(granted.body).toMatchObject({ name: 'Renamed', siteAdmin: true })
      const lone = await createTestApp(dialect)
      try {
        const only = await lone.newSession({ siteAdmin: true })
        const demoted = await only.patch(`/api/users/${only.user.id}`, { siteAdmin: false })
        expect(demoted.status).toBe(409)
        expect(demoted.body.error.code).toBe('last_site_admin')
      } finally {
        await lone.destroy()
      }
    })

    test('only site admins change users; unknown users are 404', async () => {
      expect((await member.patch(`/api/users/${member.user.id}`, { siteAdmin: true })).status).toBe(
        403,
      )
      expect(
        (await admin.patch(`/api/users/${crypto.randomUUID()}`, { name: 'Nobody' })).status,
      ).toBe(404)
      expect(
        (await admin.patch(`/api/users/${member.user.id}`, { password: 'short' })).status,
      ).toBe(400)
    })
  })

  describe('listing users', () => {
    test('site admins see every user, and may filter by company or email', async () => {
      const one = await t.createUser()
      const two = await t.createUser()
      const all = await admin.get('/api/users')
      expect(all.body.users.map((user: { id: string }) => user.id)).toEqual(
        expect.arrayContaining([one.id, two.id]),
      )
      const byCompany = await admin.get(`/api/users?companyId=${one.companyId}`)
      expect(byCompany.body.users.map((user: { id: string }) => user.id)).toEqual([one.id])
      const byEmail = await admin.get(
        `/api/users?email=${encodeURIComponent(two.email.toUpperCase())}`,
      )
      expect(byEmail.body.users.map((user: { id: string }) => user.id)).toEqual([two.id])
    })

    test('a user sees the users of their own company only', async () => {
      const company = await t.createCompany()
      const me = await t.newSession({ companyId: company.id })
      const colleague = await t.createUser({ companyId: company.id })
      const stranger = await t.createUser()
      const listed = await me.get('/api/users')
      expect(listed.status).toBe(200)
      expect(listed.body.users.map((user: { id: string }) => user.id).sort()).toEqual(
        [me.user.id, colleague.id].sort(),
      )
      expect((await me.get(`/api/users?companyId=${stranger.companyId}`)).body.users).toEqual([])
      // Without managing a portfolio, another company's users stay hidden even by exact email.
      expect(
        (await me.get(`/api/users?email=${encodeURIComponent(stranger.email)}`)).body.users,
      ).toEqual([])
    })

    test('a portfolio manager finds a user of another company by exact email', async () => {
      const manager = await t.newSession()
      await manager.post('/api/portfolios', {
        name: 'Partner work',
        companyId: manager.user.companyId,
      })
      const partner = await t.createUser()
      const found = await manager.get(
        `/api/users?email=${encodeURIComponent(partner.email.toUpperCase())}`,
      )
      expect(found.body.users).toEqual([
        expect.objectContaining({ id: partner.id, email: partner.email }),
      ])
      // Exact only: no browsing other companies by fragments.
      const fragment = await manager.get(
        `/api/users?email=${encodeURIComponent(partner.email.slice(0, 8))}`,
      )
      expect(fragment.body.users).toEqual([])
    })

    test('user listings never carry password material', async () => {
      const listed = await admin.get('/api/users')
      expect(JSON.stringify(listed.body)).not.toMatch(/password|scrypt/i)
    })
  })
})
