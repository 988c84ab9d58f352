// The audit trail: every change to portfolios, members and initiatives, readable by managers.
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

describe.each(DIALECTS)('the audit trail on %s', (dialect) => {
  let t: TestApp
  let companyId: string
  let manager: SessionClient
  beforeAll(async () => {
    t = await createTestApp(dialect)
    companyId = (await t.createCompany()).id
    manager = await t.newSession({ companyId })
  })
  afterAll(() => t.destroy())

  const trail = async (portfolioId: string, client: SessionClient = manager, query = '') =>
    (await client.get(`/api/portfolios/${portfolioId}/audit${query}`)).body.entries as {
      id: string
      action: string
      actor: { id: string } | null
      targetId: string | null
      details: Record<string, any>
    }[]

  test('records each change, newest first, with who made it and what changed', async () => {
    const portfolio = await manager.post('/api/portfolios', { name: 'Audited', companyId })
    const id = portfolio.body.id
    const colleague = await t.createUser({ companyId })
    await manager.patch(`/api/portfolios/${id}`, { name: 'Audited, renamed' })
    await manager.post(`/api/portfolios/${id}/members`, { userId: colleague.id, role: 'viewer' })
    await manager.patch(`/api/portfolios/${id}/members/${colleague.id}`, { role: 'contributor' })
    const initiative = await manager.post(`/api/portfolios/${id}/initiatives`, { name: 'Tracked' })
    await manager.patch(`/api/portfolios/${id}/initiatives/${initiative.body.id}`, {
      status: 'at_risk',
    })
    await manager.delete(`/api/portfolios/${id}/initiatives/${initiative.body.id}`)
    await manager.delete(`/api/portfolios/${id}/members/${colleague.id}`)

    const entries = await trail(id)
    expect(entries.map((entry) => entry.action)).toEqual([
      'member.removed',
      'initiative.deleted',
      'initiative.updated',
      'initiative.created',
      'member.role_changed',
      'member.added',
      'portfolio.updated',
      'portfolio.created',
    ])
    expect(entries.every((entry) => entry.actor?.id === manager.user.id)).toBe(true)
    const byAction = Object.fromEntries(entries.map((entry) => [entry.action, entry]))
    expect(byAction['portfolio.updated']!.details).toEqual({
      changes: { name: { from: 'Audited', to: 'Audited, renamed' } },
    })
    expect(byAction['member.role_changed']!).toMatchObject({
      targetId: colleague.id,
      details: { from: 'viewer', to: 'contributor' },
    })
    expect(byAction['initiative.updated']!.details).toEqual({
      changes: { status: { from: 'on_track', to: 'at_risk' } },
    })
  })

  test('a refused change leaves no entry', async () => {
    const portfolio = await manager.post('/api/portfolios', { name: 'Refusals', companyId })
    const id = portfolio.body.id
    await manager.post(`/api/portfolios/${id}/initiatives`, { name: 'Planned', stage: 'Planning' })
    const before = await trail(id)
    expect((await manager.patch(`/api/portfolios/${id}`, { stages: ['Proposal'] })).status).toBe(
      409,
    )
    expect((await manager.delete(`/api/portfolios/${id}/members/${manager.user.id}`)).status).toBe(
      409,
    )
    expect(
      (await manager.post(`/api/portfolios/${id}/initiatives`, { name: 'Bad', stage: 'Nope' }))
        .status,
    ).toBe(422)
    expect(await trail(id)).toEqual(before)
  })

  test('managers and site admins may read it; others may not', async () => {
    const portfolio = await manager.post('/api/portfolios', { name: 'Readers', companyId })
    const id = portfolio.body.id
    const contributor = await t.newSession({ companyId })
    await manager.post(`/api/portfolios/${id}/members`, {
      userId: contributor.user.id,
      role: 'contributor',
    })
    const admin = await t.newSession({ siteAdmin: true })
    const stranger = await t.newSession({ companyId })
    expect((await contributor.get(`/api/portfolios/${id}/audit`)).status).toBe(403)
    expect((await stranger.get(`/api/portfolios/${id}/audit`)).status).toBe(404)
    expect((await admin.get(`/api/portfolios/${id}/audit`)).status).toBe(200)
    expect((await trail(id, admin)).map((entry) => entry.action)).toContain('portfolio.created')
  })

  test('pages with `limit` and `before` cover the trail without gaps or repeats', async () => {
    const portfolio = await manager.post('/api/portfolios', { name: 'Paged', companyId })
    const id = portfolio.body.id
    for (let i = 0; i < 6; i += 1)
      await manager.post(`/api/portfolios/${id}/initiatives`, { name: `I${i}` })
    const all = await trail(id)
    expect(all).toHaveLength(7)
    const first = await trail(id, manager, '?limit=3')
    const second = await trail(id, manager, `?limit=3&before=${first.at(-1)!.id}`)
    const third = await trail(id, manager, `?limit=3&before=${second.at(-1)!.id}`)
    expect([...first, ...second, ...third].map((entry) => entry.id)).toEqual(
      all.map((entry) => entry.id),
    )
  })

  test('deleting a portfolio is recorded, and the record outlives the portfolio', async () => {
    const portfolio = await manager.post('/api/portfolios', { name: 'Gone', companyId })
    await manager.delete(`/api/portfolios/${portfolio.body.id}`)
    const rows = await t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('portfolioId', '=', portfolio.body.id)
      .orderBy('at')
      .execute()
    expect(rows.map((row) => row.action)).toEqual(['portfolio.created', 'portfolio.deleted'])
    expect(JSON.parse(rows[1]!.details)).toEqual({ name: 'Gone' })
  })
})
