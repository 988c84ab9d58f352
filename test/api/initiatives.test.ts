// Initiatives: validation against the portfolio, partial edits, optimistic concurrency, deletion.
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

describe.each(DIALECTS)('initiatives on %s', (dialect) => {
  let t: TestApp
  let companyId: string
  let manager: SessionClient
  let portfolioId: string
  let base: string
  beforeAll(async () => {
    t = await createTestApp(dialect)
    companyId = (await t.createCompany()).id
    manager = await t.newSession({ companyId })
    portfolioId = (await manager.post('/api/portfolios', { name: 'Ops', companyId })).body.id
    base = `/api/portfolios/${portfolioId}/initiatives`
  })
  afterAll(() => t.destroy())

  test('created with defaults: first stage, on track, version 1', async () => {
    const response = await manager.post(base, { name: '  Migrate billing  ' })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      portfolioId,
      name: 'Migrate billing',
      description: null,
      stage: 'Proposal',
      status: 'on_track',
      ownerId: null,
      startDate: null,
      targetDate: null,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })
    // Reading it back adds what Jira says: no epics yet, so an empty roll-up.
    const detail = (await manager.get(`${base}/${response.body.id}`)).body
    expect(detail).toMatchObject(response.body)
    expect(detail.epics).toEqual([])
    expect(detail.progress).toMatchObject({ rollUp: { epics: 0, percentDone: null }, stale: false, epicsNotRead: 0 })
    expect((await manager.get(base)).body.initiatives).toContainEqual({ ...response.body, progress: detail.progress })
  })

  test('all fields can be given at creation', async () => {
    const response = await manager.post(base, {
      name: 'Launch EU region',
      description: 'Data residency',
      stage: 'Execution',
      status: 'at_risk',
      ownerId: manager.user.id,
      startDate: '2027-01-04',
      targetDate: '2027-06-30',
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      stage: 'Execution',
      status: 'at_risk',
      ownerId: manager.user.id,
      startDate: '2027-01-04',
      targetDate: '2027-06-30',
    })
  })

  test('names are 1 to 200 characters after trimming', async () => {
    for (const name of ['', '    ', 'x'.repeat(201)]) {
      const response = await manager.post(base, { name })
      expect(response.status).toBe(400)
      expect(response.body.error.details.issues[0].path).toBe('name')
    }
    expect((await manager.post(base, { name: `  ${'x'.repeat(200)}  ` })).status).toBe(201)
    expect((await manager.post(base, {})).status).toBe(400)
  })

  test('the stage must be one of the portfolio’s stages', async () => {
    const response = await manager.post(base, { name: 'Odd', stage: 'Backlog' })
    expect(response.status).toBe(422)
    expect(response.body.error).toMatchObject({
      code: 'invalid_stage',
      details: { field: 'stage', stages: ['Proposal', 'Planning', 'Execution', 'Done'] },
    })
  })

  test('the owner must be a member of the portfolio', async () => {
    const colleague = await t.createUser({ companyId })
    const response = await manager.post(base, { name: 'Unowned', ownerId: colleague.id })
    expect(response.status).toBe(422)
    expect(response.body.error.code).toBe('invalid_owner')
    const unknown = await manager.post(base, { name: 'Unowned', ownerId: crypto.randomUUID() })
    expect(unknown.body.error.code).toBe('invalid_owner')
  })

  test('the start date must come before the go-live date', async () => {
    for (const [startDate, targetDate] of [
      ['2027-03-01', '2027-02-01'],
      ['2027-03-01', '2027-03-01'],
    ]) {
      const response = await manager.post(base, { name: 'Backwards', startDate, targetDate })
      expect(response.status).toBe(422)
      expect(response.body.error.code).toBe('invalid_dates')
    }
  })

  test('dates must be real calendar dates as YYYY-MM-DD', async () => {
    for (const targetDate of [
      '2027-02-30',
      '2026-02-29',
      '2027-13-01',
      '27-01-01',
      '2027-01-01T00:00:00Z',
      20270101,
    ]) {
      const response = await manager.post(base, { name: 'Bad date', targetDate })
      expect(response.status).toBe(400)
      expect(response.body.error.details.issues[0].path).toBe('targetDate')
    }
    expect((await manager.post(base, { name: 'Leap day', targetDate: '2028-02-29' })).status).toBe(
      201,
    )
  })

  test('PATCH changes only the fields sent, and null clears', async () => {
    const created = await manager.post(base, {
      name: 'Partial',
      description: 'Stays',
      startDate: '2027-01-01',
      targetDate: '2027-02-01',
    })
    const id = created.body.id
    const renamed = await manager.patch(`${base}/${id}`, {
      name: 'Partial, renamed',
      status: 'off_track',
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({
      name: 'Partial, renamed',
      status: 'off_track',
      description: 'Stays',
      startDate: '2027-01-01',
      targetDate: '2027-02-01',
      version: 2,
    })
    const cleared = await manager.patch(`${base}/${id}`, { description: null, startDate: null })
    expect(cleared.body).toMatchObject({
      description: null,
      startDate: null,
      targetDate: '2027-02-01',
      version: 3,
    })
  })

  test('date rules apply to the merged result of a PATCH', async () => {
    const created = await manager.post(base, {
      name: 'Dates',
      startDate: '2027-01-10',
      targetDate: '2027-02-01',
    })
    const response = await manager.patch(`${base}/${created.body.id}`, { targetDate: '2027-01-05' })
    expect(response.status).toBe(422)
    expect(response.body.error.code).toBe('invalid_dates')
    expect((await manager.get(`${base}/${created.body.id}`)).body.version).toBe(1)
  })

  test('a PATCH that changes nothing keeps the version', async () => {
    const created = await manager.post(base, { name: 'Same' })
    const response = await manager.patch(`${base}/${created.body.id}`, { name: 'Same' })
    expect(response.body.version).toBe(1)
  })

  test('with `version`, a stale edit is refused with the current state (409 edit_conflict)', async () => {
    const created = await manager.post(base, { name: 'Contended' })
    const id = created.body.id
    const colleague = await t.newSession({ companyId })
    await manager.post(`/api/portfolios/${portfolioId}/members`, {
      userId: colleague.user.id,
      role: 'contributor',
    })

    const first = await colleague.patch(`${base}/${id}`, { status: 'at_risk', version: 1 })
    expect(first.status).toBe(200)
    expect(first.body.version).toBe(2)

    const stale = await manager.patch(`${base}/${id}`, { name: 'Overwrite', version: 1 })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('edit_conflict')
    expect(stale.body.error.details).toMatchObject({
      currentVersion: 2,
      current: { status: 'at_risk', name: 'Contended' },
    })

    const retried = await manager.patch(`${base}/${id}`, { name: 'Overwrite', version: 2 })
    expect(retried.status).toBe(200)
    expect(retried.body).toMatchObject({ name: 'Overwrite', status: 'at_risk', version: 3 })
  })

  test('without `version`, the last write wins field by field', async () => {
    const created = await manager.post(base, { name: 'Fields' })
    const id = created.body.id
    await manager.patch(`${base}/${id}`, { status: 'at_risk' })
    await manager.patch(`${base}/${id}`, { name: 'Fields renamed' })
    expect((await manager.get(`${base}/${id}`)).body).toMatchObject({
      status: 'at_risk',
      name: 'Fields renamed',
      version: 3,
    })
  })

  test('deleted initiatives are gone', async () => {
    const created = await manager.post(base, { name: 'Short-lived' })
    expect((await manager.delete(`${base}/${created.body.id}`)).status).toBe(204)
    expect((await manager.get(`${base}/${created.body.id}`)).status).toBe(404)
    expect((await manager.delete(`${base}/${created.body.id}`)).status).toBe(404)
  })

  test('an initiative is reached only through its own portfolio', async () => {
    const created = await manager.post(base, { name: 'Mine' })
    const other = (await manager.post('/api/portfolios', { name: 'Other', companyId })).body.id
    const path = `/api/portfolios/${other}/initiatives/${created.body.id}`
    expect((await manager.get(path)).status).toBe(404)
    expect((await manager.patch(path, { name: 'Hijack' })).status).toBe(404)
    expect((await manager.delete(path)).status).toBe(404)
    expect((await manager.get(`${base}/${created.body.id}`)).body.name).toBe('Mine')
  })
})
