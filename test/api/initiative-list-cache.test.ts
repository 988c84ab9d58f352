// The initiative list is served from a kept answer: every change under it shows at once, the
// answer is built once for many simultaneous readers, and its age and size stay bounded.
import { InitiativeListCache } from '../../portal-service/http/initiatives/initiative-list-cache.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'
import { DIALECTS } from '../support/test-database.js'

describe.each(DIALECTS)('the kept initiative list on %s', (dialect) => {
  let t: TestApp
  let companyId: string
  let manager: SessionClient
  let portfolioId: string
  let base: string
  const names = async () => (await manager.get(base)).body.initiatives.map((i: { name: string }) => i.name)

  beforeAll(async () => {
    t = await createTestApp(dialect)
    companyId = (await t.createCompany()).id
    manager = await t.newSession({ companyId })
    portfolioId = (await manager.post('/api/portfolios', { name: 'Kept', companyId })).body.id
    base = `/api/portfolios/${portfolioId}/initiatives`
  })
  afterAll(() => t.destroy())

  test('creating, editing and deleting initiatives shows in the very next read', async () => {
    expect(await names()).toEqual([])
    const first = (await manager.post(base, { name: 'First' })).body
    const second = (await manager.post(base, { name: 'Second' })).body
    expect(await names()).toEqual(['First', 'Second'])
    expect((await manager.patch(`${base}/${first.id}`, { name: 'First, renamed' })).status).toBe(200)
    expect(await names()).toEqual(['First, renamed', 'Second'])
    expect((await manager.patch(`${base}/${second.id}`, { status: 'at_risk' })).status).toBe(200)
    expect((await manager.get(base)).body.initiatives[1]).toMatchObject({ status: 'at_risk', version: 2 })
    expect((await manager.delete(`${base}/${second.id}`)).status).toBe(204)
    expect(await names()).toEqual(['First, renamed'])
    const third = (await manager.post(base, { name: 'Third' })).body
    expect(await names()).toEqual(['First, renamed', 'Third'])
    expect((await manager.delete(`${base}/${third.id}`)).status).toBe(204)
  })

  test('an owner who leaves the portfolio is cleared from the list at once', async () => {
    const owner = await t.newSession({ companyId })
    expect((await manager.post(`/api/portfolios/${portfolioId}/members`, { userId: owner.user.id, role: 'contributor' })).status).toBe(201)
    const owned = (await manager.post(base, { name: 'Owned', ownerId: owner.user.id })).body
    expect((await manager.get(base)).body.initiatives.find((i: { id: string }) => i.id === owned.id).ownerId).toBe(owner.user.id)
    expect((await manager.delete(`/api/portfolios/${portfolioId}/members/${owner.user.id}`)).status).toBe(204)
    expect((await manager.get(base)).body.initiatives.find((i: { id: string }) => i.id === owned.id).ownerId).toBeNull()
  })

  test('the answer is JSON and the same bytes as a fresh build', async () => {
    const response = await t.app.request(base, { headers: { Cookie: `pb_session=${manager.sessionToken}` } })
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    const kept = await response.json()
    const fresh = await new InitiativeListCache().body(t.db, portfolioId, async () => kept)
    expect(JSON.parse(new TextDecoder().decode(fresh))).toEqual(kept)
  })

  test('simultaneous readers share one build; a change or old age builds again', async () => {
    let now = 0
    const cache = new InitiativeListCache({ now: () => now, maxAgeMs: 1_000 })
    let builds = 0
    const build = async () => {
      builds++
      await new Promise((resolve) => setTimeout(resolve, 5))
      return { builds }
    }
    const bodies = await Promise.all(Array.from({ length: 10 }, () => cache.body(t.db, portfolioId, build)))
    expect(builds).toBe(1)
    expect(new Set(bodies.map((b) => new TextDecoder().decode(b))).size).toBe(1)
    await cache.body(t.db, portfolioId, build)
    expect(builds).toBe(1)
    await manager.post(base, { name: 'Changes the fingerprint' })
    await cache.body(t.db, portfolioId, build)
    expect(builds).toBe(2)
    now = 1_001
    await cache.body(t.db, portfolioId, build)
    expect(builds).toBe(3)
  })

  test('answers beyond the size bound are dropped, oldest first', async () => {
    const other = (await manager.post('/api/portfolios', { name: 'Other', companyId })).body.id
    const cache = new InitiativeListCache({ maxBytes: 1_500 })
    let builds = 0
    const build = async () => ({ padding: 'x'.repeat(1_000), build: ++builds })
    await cache.body(t.db, portfolioId, build)
    await cache.body(t.db, other, build)
    // Both cannot be kept: the first one went, the second is still there.
    await cache.body(t.db, other, build)
    expect(builds).toBe(2)
    await cache.body(t.db, portfolioId, build)
    expect(builds).toBe(3)
  })
})
