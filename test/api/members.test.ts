// Members: added from any company, given roles, removed; a portfolio always keeps a manager.
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

describe.each(DIALECTS)('portfolio members on %s', (dialect) => {
  let t: TestApp
  let companyId: string
  let manager: SessionClient
  beforeAll(async () => {
    t = await createTestApp(dialect)
    companyId = (await t.createCompany()).id
    manager = await t.newSession({ companyId })
  })
  afterAll(() => t.destroy())

  async function newPortfolio() {
    const response = await manager.post('/api/portfolios', { name: 'Platform', companyId })
    return response.body.id as string
  }
  const membersOf = async (id: string) =>
    (await manager.get(`/api/portfolios/${id}/members`)).body.members

  test('a manager adds colleagues and people of other companies; the latter are external', async () => {
    const id = await newPortfolio()
    const colleague = await t.createUser({ companyId, name: 'Bea Colleague' })
    const partner = await t.createUser({ name: 'Cal Partner' })
    const added = await manager.post(`/api/portfolios/${id}/members`, {
      userId: colleague.id,
      role: 'contributor',
    })
    expect(added.status).toBe(201)
    expect(added.body).toEqual({
      userId: colleague.id,
      email: colleague.email,
      name: 'Bea Colleague',
      companyId,
      role: 'contributor',
      external: false,
      addedAt: expect.any(String),
    })
    const external = await manager.post(`/api/portfolios/${id}/members`, {
      userId: partner.id,
      role: 'manager',
    })
    expect(external.body).toMatchObject({ role: 'manager', external: true })
    expect((await membersOf(id)).map((m: { name: string }) => m.name)).toEqual([
      'Bea Colleague',
      'Cal Partner',
      manager.user.name,
    ])
  })

  test('adding someone twice is 409 already_member; an unknown user is 422', async () => {
    const id = await newPortfolio()
    const colleague = await t.createUser({ companyId })
    await manager.post(`/api/portfolios/${id}/members`, { userId: colleague.id, role: 'viewer' })
    const twice = await manager.post(`/api/portfolios/${id}/members`, {
      userId: colleague.id,
      role: 'manager',
    })
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('already_member')
    const unknown = await manager.post(`/api/portfolios/${id}/members`, {
      userId: crypto.randomUUID(),
      role: 'viewer',
    })
    expect(unknown.status).toBe(422)
    const badRole = await manager.post(`/api/portfolios/${id}/members`, {
      userId: colleague.id,
      role: 'owner',
    })
    expect(badRole.status).toBe(400)
  })

  test('roles change, and the new role takes effect at once', async () => {
    const id = await newPortfolio()
    const colleague = await t.newSession({ companyId })
    await manager.post(`/api/portfolios/${id}/members`, {
      userId: colleague.user.id,
      role: 'viewer',
    })
    expect(
      (await colleague.post(`/api/portfolios/${id}/initiatives`, { name: 'Try' })).status,
    ).toBe(403)
    const changed = await manager.patch(`/api/portfolios/${id}/members/${colleague.user.id}`, {
      role: 'contributor',
    })
    expect(changed.status).toBe(200)
    expect(changed.body.role).toBe('contributor')
    expect(
      (await colleague.post(`/api/portfolios/${id}/initiatives`, { name: 'Try' })).status,
    ).toBe(201)
  })

  test('the last manager from the portfolio’s company can be neither demoted nor removed', async () => {
    const id = await newPortfolio()
    const demote = await manager.patch(`/api/portfolios/${id}/members/${manager.user.id}`, {
      role: 'viewer',
    })
    expect(demote.status).toBe(409)
    expect(demote.body.error.code).toBe('last_manager')
    const remove = await manager.delete(`/api/portfolios/${id}/members/${manager.user.id}`)
    expect(remove.status).toBe(409)
    expect(remove.body.error.code).toBe('last_manager')
    expect(await membersOf(id)).toEqual([
      expect.objectContaining({ userId: manager.user.id, role: 'manager' }),
    ])
  })

  test('an external manager does not count: the company must keep one of its own', async () => {
    const id = await newPortfolio()
    const partner = await t.createUser()
    await manager.post(`/api/portfolios/${id}/members`, { userId: partner.id, role: 'manager' })
    expect((await manager.delete(`/api/portfolios/${id}/members/${manager.user.id}`)).status).toBe(
      409,
    )
    // An external manager can be removed freely.
    expect((await manager.delete(`/api/portfolios/${id}/members/${partner.id}`)).status).toBe(204)
  })

  test('with a second manager from the company, a manager may step down', async () => {
    const id = await newPortfolio()
    const deputy = await t.newSession({ companyId })
    await manager.post(`/api/portfolios/${id}/members`, { userId: deputy.user.id, role: 'manager' })
    const stepDown = await manager.patch(`/api/portfolios/${id}/members/${manager.user.id}`, {
      role: 'contributor',
    })
    expect(stepDown.status).toBe(200)
    // No longer a manager: cannot manage members any more.
    expect((await manager.delete(`/api/portfolios/${id}/members/${deputy.user.id}`)).status).toBe(
      403,
    )
    expect((await deputy.delete(`/api/portfolios/${id}/members/${manager.user.id}`)).status).toBe(
      204,
    )
    expect((await manager.get(`/api/portfolios/${id}`)).status).toBe(404)
  })

  test('removing a member clears them as owner of the portfolio’s initiatives', async () => {
    const id = await newPortfolio()
    const colleague = await t.createUser({ companyId })
    await manager.post(`/api/portfolios/${id}/members`, {
      userId: colleague.id,
      role: 'contributor',
    })
    const owned = await manager.post(`/api/portfolios/${id}/initiatives`, {
      name: 'Owned',
      ownerId: colleague.id,
    })
    expect(owned.body.ownerId).toBe(colleague.id)
    expect((await manager.delete(`/api/portfolios/${id}/members/${colleague.id}`)).status).toBe(204)
    const after = await manager.get(`/api/portfolios/${id}/initiatives/${owned.body.id}`)
    expect(after.body.ownerId).toBeNull()
    expect(after.body.version).toBe(owned.body.version + 1)
  })

  test('changing or removing someone who is not a member is 404', async () => {
    const id = await newPortfolio()
    const stranger = await t.createUser({ companyId })
    expect(
      (await manager.patch(`/api/portfolios/${id}/members/${stranger.id}`, { role: 'viewer' }))
        .status,
    ).toBe(404)
    expect((await manager.delete(`/api/portfolios/${id}/members/${stranger.id}`)).status).toBe(404)
    expect((await manager.delete(`/api/portfolios/${id}/members/not-a-uuid`)).status).toBe(404)
  })
})
