// Bad input of every kind gets its documented 4xx in the one error shape, never a 500.
import fc from 'fast-check'
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

/** `{error: {code, message, details}}`, details being null or anything else, never missing. */
function expectErrorShape(body: unknown) {
  expect(body).toEqual({
    error: {
      code: expect.any(String),
      message: expect.any(String),
      details: expect.toSatisfy((value) => value !== undefined),
    },
  })
}

describe.each(DIALECTS)('error answers on %s', (dialect) => {
  let t: TestApp
  let manager: SessionClient
  let portfolioId: string
  let initiativeId: string
  beforeAll(async () => {
    t = await createTestApp(dialect)
    const companyId = (await t.createCompany()).id
    manager = await t.newSession({ companyId })
    portfolioId = (await manager.post('/api/portfolios', { name: 'Errors', companyId })).body.id
    initiativeId = (
      await manager.post(`/api/portfolios/${portfolioId}/initiatives`, { name: 'One' })
    ).body.id
  })
  afterAll(() => t.destroy())

  test('malformed JSON is 400 malformed_json', async () => {
    const response = await manager.call('POST', `/api/portfolios/${portfolioId}/initiatives`, {
      headers: { 'Content-Type': 'application/json' },
      rawBody: '{"name": "unterminated',
    })
    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      error: { code: 'malformed_json', message: expect.any(String), details: null },
    })
  })

  test('a body that is not JSON is 415', async () => {
    const response = await manager.call('POST', `/api/portfolios/${portfolioId}/initiatives`, {
      headers: { 'Content-Type': 'text/plain' },
      rawBody: 'name=Plain',
    })
    expect(response.status).toBe(415)
    expect(response.body.error.code).toBe('unsupported_media_type')
  })

  test('a missing body is a validation failure, not a crash', async () => {
    const response = await manager.call('POST', `/api/portfolios/${portfolioId}/initiatives`)
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('validation_failed')
  })

  test('bodies over 1 MB are refused with 413, declared or streamed', async () => {
    const big = JSON.stringify({ name: 'x', description: 'y'.repeat(1024 * 1024) })
    const declared = await manager.call('POST', `/api/portfolios/${portfolioId}/initiatives`, {
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(big)),
      },
      rawBody: big,
    })
    expect(declared.status).toBe(413)
    expect(declared.body.error.code).toBe('body_too_large')
    const streamed = await manager.call('POST', `/api/portfolios/${portfolioId}/initiatives`, {
      headers: { 'Content-Type': 'application/json' },
      rawBody: new Blob([big]).stream(),
    })
    expect(streamed.status).toBe(413)
  })

  test('validation failures list each issue with its path', async () => {
    const response = await manager.post(`/api/portfolios/${portfolioId}/initiatives`, {
      name: 42,
      status: 'great',
      startDate: 'soon',
    })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('validation_failed')
    expect(response.body.error.details.target).toBe('json')
    const paths = response.body.error.details.issues
      .map((issue: { path: string }) => issue.path)
      .sort()
    expect(paths).toEqual(['name', 'startDate', 'status'])
  })

  test('bad query parameters are 400', async () => {
    const response = await manager.get(`/api/portfolios/${portfolioId}/audit?limit=lots`)
    expect(response.status).toBe(400)
    expect(response.body.error.details.issues[0].path).toBe('limit')
  })

  test('unknown routes are 404 not_found in the same shape', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing-here'],
      ['PUT', `/api/portfolios/${portfolioId}`],
      ['GET', '/nothing'],
    ] as const) {
      const response = await manager.call(method, path)
      expect(response.status).toBe(404)
      expect(response.body).toEqual({
        error: { code: 'not_found', message: expect.any(String), details: null },
      })
    }
  })

  test('ids that are not UUIDs are 404, like unknown ids', async () => {
    const unknown = crypto.randomUUID()
    const paths = [
      '/api/portfolios/42',
      `/api/portfolios/${unknown}`,
      `/api/portfolios/${portfolioId}/initiatives/42`,
      `/api/portfolios/${portfolioId}/initiatives/${unknown}`,
      `/api/portfolios/x'; drop table users;--/members`,
      `/api/portfolios/${portfolioId}/initiatives/${initiativeId.toUpperCase()}x`,
    ]
    for (const path of paths) {
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const response = await manager.call(
          method,
          path,
          method === 'PATCH' ? { body: { name: 'x' } } : {},
        )
        expect({ method, path, status: response.status, code: response.body.error?.code }).toEqual({
          method,
          path,
          status: 404,
          code: 'not_found',
        })
      }
    }
    expect((await manager.delete('/api/me/tokens/not-a-uuid')).status).toBe(404)
  })

  test('no body, however odd, makes a write route fail with 500', async () => {
    const routes = [
      ['POST', `/api/portfolios/${portfolioId}/initiatives`],
      ['PATCH', `/api/portfolios/${portfolioId}/initiatives/${initiativeId}`],
      ['PATCH', `/api/portfolios/${portfolioId}`],
      ['POST', `/api/portfolios/${portfolioId}/members`],
      ['POST', '/api/portfolios'],
      ['POST', '/api/me/tokens'],
      ['POST', '/api/session'],
    ] as const
    const field = fc.oneof(
      fc.jsonValue(),
      fc.string(),
      fc.constant(null),
      fc
        .date({ noInvalidDate: true, min: new Date('1000-01-01'), max: new Date('9999-12-31') })
        .map((d) => d.toISOString().slice(0, 10)),
    )
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          name: field,
          description: field,
          stage: field,
          status: field,
          ownerId: field,
          startDate: field,
          targetDate: field,
          version: field,
          stages: field,
          userId: field,
          role: field,
          companyId: field,
          email: field,
          password: field,
        },
        { requiredKeys: [] },
      ),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, path], value) => {
        const response = await manager.call(method, path, { body: value })
        expect(response.status).toBeLessThan(500)
        if (response.status >= 400) expectErrorShape(response.body)
      }),
      { numRuns: 150 },
    )
  })
})

test('an unexpected failure is a logged 500 whose body says nothing about it', async () => {
  const t = await createTestApp('sqlite')
  const user = await t.createUser()
  const session = await t.signIn(user)
  await t.db.destroy() // the database goes away under the running app
  try {
    const response = await session.get('/api/portfolios')
    // The cookie cannot even be checked: the app must still answer in its own words.
    expect(response.status).toBe(500)
    expect(response.body).toEqual({
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side.',
        details: null,
      },
    })
    const logged = t.logLines
      .map((line) => JSON.parse(line))
      .find((entry) => entry.msg === 'unhandled error')
    expect(logged).toMatchObject({
      level: 'error',
      path: '/api/portfolios',
      error: { message: expect.any(String) },
    })
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts|stack|kysely|sqlite/i)
  } finally {
    await t.destroy().catch(() => undefined)
  }
})
