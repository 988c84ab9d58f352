// Portfolios: created within a company, visible to members only, edited and deleted by managers.
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

describe.each(DIALECTS)('portfolios on %s', (dialect) => {
  let t: TestApp
  let companyId: string
  let manager: SessionClient
  beforeAll(async () => {
    t = await createTestApp(dialect)
    companyId = (await t.createCompany()).id
    manager = await t.newSession({ companyId })
  })
  afterAll(() => t.destroy())

  const create = (client: SessionClient, body: Record<string, unknown> = {}) =>
    client.post('/api/portfolios', { name: 'Growth', companyId, ...body })

  describe('creating', () => {
    test('the creator becomes its manager; stages default to the usual four', async () => {
      const response = await create(manager, {
        name: '  Growth 2027  ',
        description: 'Bets for next year',
      })
      expect(response.status).toBe(201)
      expect(response.body).toEqual({
        id: expect.any(String),
        companyId,
        name: 'Growth 2027',
        description: 'Bets for next year',
        stages: ['Proposal', 'Planning', 'Execution', 'Done'],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        myRole: 'manager',
        external: false,
        allowedActions: [
          'viewPortfolio',
          'configureJira',
          'linkProjects',
          'linkEpics',
          'editInitiatives',
          'managePortfolio',
          'viewAudit',
        ],
      })
      const members = await manager.get(`/api/portfolios/${response.body.id}/members`)
      expect(members.body.members).toEqual([
        expect.objectContaining({ userId: manager.user.id, role: 'manager' }),
      ])
    })

    test('a portfolio may start with its own stages', async () => {
      const response = await create(manager, { stages: ['Idea', ' Build ', 'Live'] })
      expect(response.body.stages).toEqual(['Idea', 'Build', 'Live'])
    })

    test('duplicate, blank or too many stages are refused', async () => {
      for (const stages of [
        ['A', 'a'],
        ['A', ' '],
        [],
        Array.from({ length: 21 }, (_, i) => `S${i}`),
      ]) {
        const response = await create(manager, { stages })
        expect(response.status).toBe(400)
        expect(response.body.error.code).toBe('validation_failed')
      }
    })

    test('names are required and at most 200 characters', async () => {
      expect((await create(manager, { name: '' })).status).toBe(400)
      expect((await create(manager, { name: 'x'.repeat(201) })).status).toBe(400)
      expect((await create(manager, { name: 'x'.repeat(200) })).status).toBe(201)
    })

    test('a named manager must belong to the company', async () => {
      const colleague = await t.createUser({ companyId })
      const named = await create(manager, { managerId: colleague.id })
      expect(named.status).toBe(201)
      // The caller did not make themselves a member.
      expect(named.body.myRole).toBeNull()
      expect((await manager.get(`/api/portfolios/${named.body.id}`)).status).toBe(404)
      const outsider = await t.createUser()
      const refused = await create(manager, { managerId: outsider.id })
      expect(refused.status).toBe(422)
      expect(refused.body.error.details).toEqual({ field: 'managerId' })
    })

    test('users of another company may not create portfolios in this one', async () => {
      const stranger = await t.newSession()
      const response = await create(stranger)
      expect(response.status).toBe(403)
      expect(response.body.error.code).toBe('forbidden')
    })

    test('a site admin creates one for another company, naming its manager', async () => {
      const admin = await t.newSession({ siteAdmin: true })
      const withoutManager = await create(admin)
      expect(withoutManager.status).toBe(422)
      const colleague = await t.createUser({ companyId })
      const withManager = await create(admin, { managerId: colleague.id })
      expect(withManager.status).toBe(201)
      const colleagueSession = await t.signIn(colleague)
      expect(
        (await colleagueSession.get(`/api/portfolios/${withManager.body.id}`)).body.myRole,
      ).toBe('manager')
    })

    test('an unknown company is 422 for a site admin', async () => {
      const admin = await t.newSession({ siteAdmin: true })
      const response = await admin.post('/api/portfolios', {
        name: 'Nowhere',
        companyId: crypto.randomUUID(),
      })
      expect(response.status).toBe(422)
    })
  })

  describe('listing and reading', () => {
    test('the list holds the caller’s portfolios only, with their role and whether they are external', async () => {
      const company = await t.createCompany()
      const owner = await t.newSession({ companyId: company.id })
      const partner = await t.newSession()
      const mine = await owner.post('/api/portfolios', { name: 'B-mine', companyId: company.id })
      const shared = await owner.post('/api/portfolios', {
        name: 'A-shared',
        companyId: company.id,
      })
      await owner.post(`/api/portfolios/${shared.body.id}/members`, {
        userId: partner.user.id,
        role: 'viewer',
      })

      const ownerList = await owner.get('/api/portfolios')
      expect(ownerList.body.portfolios.map((p: { name: string }) => p.name)).toEqual([
        'A-shared',
        'B-mine',
      ])
      const partnerList = await partner.get('/api/portfolios')
      expect(partnerList.body.portfolios).toEqual([
        expect.objectContaining({
          id: shared.body.id,
          myRole: 'viewer',
          external: true,
          allowedActions: ['viewPortfolio'],
        }),
      ])
      expect(partnerList.body.portfolios.map((p: { id: string }) => p.id)).not.toContain(
        mine.body.id,
      )
    })

    test('to a non-member the portfolio does not exist', async () => {
      const portfolio = await create(manager)
      const colleague = await t.newSession({ companyId })
      const admin = await t.newSession({ siteAdmin: true })
      for (const outsider of [colleague, admin]) {
        const response = await outsider.get(`/api/portfolios/${portfolio.body.id}`)
        expect(response.status).toBe(404)
        expect(response.body.error.code).toBe('not_found')
      }
      // Indistinguishable from an id that was never used.
      const never = await colleague.get(`/api/portfolios/${crypto.randomUUID()}`)
      expect(never.body).toEqual((await colleague.get(`/api/portfolios/${portfolio.body.id}`)).body)
    })
  })

  describe('editing', () => {
    test('PATCH changes only the fields sent', async () => {
      const portfolio = await create(manager, { description: 'keep me' })
      const response = await manager.patch(`/api/portfolios/${portfolio.body.id}`, {
        name: 'Renamed',
      })
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({
        name: 'Renamed',
        description: 'keep me',
        stages: portfolio.body.stages,
      })
      const cleared = await manager.patch(`/api/portfolios/${portfolio.body.id}`, {
        description: null,
      })
      expect(cleared.body.description).toBeNull()
      expect((await manager.get(`/api/portfolios/${portfolio.body.id}`)).body.name).toBe('Renamed')
    })

    test('stages may be reordered and added; removing one still in use is 409 stage_in_use', async () => {
      const portfolio = await create(manager)
      const id = portfolio.body.id
      await manager.post(`/api/portfolios/${id}/initiatives`, {
        name: 'In planning',
        stage: 'Planning',
      })
      const reordered = await manager.patch(`/api/portfolios/${id}`, {
        stages: ['Planning', 'Proposal', 'Review', 'Execution', 'Done'],
      })
      expect(reordered.status).toBe(200)
      expect(reordered.body.stages).toEqual(['Planning', 'Proposal', 'Review', 'Execution', 'Done'])

      const removed = await manager.patch(`/api/portfolios/${id}`, { stages: ['Proposal', 'Done'] })
      expect(removed.status).toBe(409)
      expect(removed.body.error).toMatchObject({
        code: 'stage_in_use',
        details: { stages: ['Planning'] },
      })
      expect((await manager.get(`/api/portfolios/${id}`)).body.stages).toContain('Planning')

      const unused = await manager.patch(`/api/portfolios/${id}`, { stages: ['Planning', 'Done'] })
      expect(unused.status).toBe(200)
    })

    test('deleting a portfolio removes its members and initiatives', async () => {
      const portfolio = await create(manager)
      const id = portfolio.body.id
      const viewer = await t.newSession({ companyId })
      await manager.post(`/api/portfolios/${id}/members`, {
        userId: viewer.user.id,
        role: 'viewer',
      })
      await manager.post(`/api/portfolios/${id}/initiatives`, { name: 'Doomed' })

      expect((await manager.delete(`/api/portfolios/${id}`)).status).toBe(204)
      expect((await manager.get(`/api/portfolios/${id}`)).status).toBe(404)
      expect((await viewer.get('/api/portfolios')).body.portfolios).toEqual([])
      const initiatives = await t.db
        .selectFrom('initiatives')
        .select('id')
        .where('portfolioId', '=', id)
        .execute()
      const memberships = await t.db
        .selectFrom('memberships')
        .select('userId')
        .where('portfolioId', '=', id)
        .execute()
      expect(initiatives).toEqual([])
      expect(memberships).toEqual([])
      expect((await manager.delete(`/api/portfolios/${id}`)).status).toBe(404)
    })
  })
})
