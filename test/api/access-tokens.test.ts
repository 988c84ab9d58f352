// Personal access tokens: shown once, stored as hashes, usable as Bearer, revocable.
import { sha256Hex } from '../../portal-service/auth/random-token.js'
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

describe.each(DIALECTS)('personal access tokens on %s', (dialect) => {
  let t: TestApp
  let alice: SessionClient
  beforeAll(async () => {
    t = await createTestApp(dialect)
    alice = await t.newSession()
  })
  afterAll(() => t.destroy())

  test('the token is returned once; listing shows name and dates only', async () => {
    const created = await alice.post('/api/me/tokens', { name: 'CI export' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: 'CI export',
      lastUsedAt: null,
    })
    expect(created.body.token).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/)
    const listed = await alice.get('/api/me/tokens')
    expect(listed.status).toBe(200)
    const mine = listed.body.tokens.find((token: { id: string }) => token.id === created.body.id)
    expect(mine).toEqual({
      id: created.body.id,
      name: 'CI export',
      createdAt: created.body.createdAt,
      lastUsedAt: null,
    })
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token)
  })

  test('only the hash is stored', async () => {
    const created = await alice.post('/api/me/tokens', { name: 'hash check' })
    const row = await t.db
      .selectFrom('personalAccessTokens')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow()
    expect(row.tokenHash).toBe(sha256Hex(created.body.token))
    expect(JSON.stringify(row)).not.toContain(created.body.token)
  })

  test('a Bearer token acts as its owner and records when it was used', async () => {
    const created = await alice.post('/api/me/tokens', { name: 'reader' })
    const script = t.client({ Authorization: `Bearer ${created.body.token}` })
    const me = await script.get('/api/me')
    expect(me.status).toBe(200)
    expect(me.body).toEqual({ user: alice.user, csrfToken: null })
    const listed = await alice.get('/api/me/tokens')
    const reader = listed.body.tokens.find((token: { id: string }) => token.id === created.body.id)
    expect(reader.lastUsedAt).toEqual(expect.any(String))
  })

  test('a revoked token stops working at once', async () => {
    const created = await alice.post('/api/me/tokens', { name: 'short-lived' })
    const script = t.client({ Authorization: `Bearer ${created.body.token}` })
    expect((await script.get('/api/me')).status).toBe(200)
    expect((await alice.delete(`/api/me/tokens/${created.body.id}`)).status).toBe(204)
    const after = await script.get('/api/me')
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('unauthenticated')
    expect((await alice.delete(`/api/me/tokens/${created.body.id}`)).status).toBe(404)
  })

  test('nobody can see or revoke someone else’s token', async () => {
    const created = await alice.post('/api/me/tokens', { name: 'private' })
    const bob = await t.newSession()
    expect((await bob.get('/api/me/tokens')).body.tokens).toEqual([])
    expect((await bob.delete(`/api/me/tokens/${created.body.id}`)).status).toBe(404)
    const script = t.client({ Authorization: `Bearer ${created.body.token}` })
    expect((await script.get('/api/me')).status).toBe(200)
  })

  test('a malformed or unknown Bearer token is refused, not treated as anonymous', async () => {
    for (const authorization of [
      'Bearer pbt_nottherealtoken',
      'Bearer',
      'Basic YWxpY2U6c2VjcmV0',
      'Bearer a b',
    ]) {
      const response = await t.client({ Authorization: authorization }).get('/api/health')
      expect(response.status).toBe(401)
      expect(response.body.error.code).toBe('unauthenticated')
    }
  })

  test('a token needs a name', async () => {
    const response = await alice.post('/api/me/tokens', { name: '   ' })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('validation_failed')
  })
})
