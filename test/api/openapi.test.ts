// The API documents itself: every route is in /api/openapi.json and on the /api/docs page.
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type TestApp } from '../support/test-app.js'

/** The contract of issue 3, by method and path. Fields may be added; these may not disappear. */
const CONTRACT = [
  'POST /api/session',
  'DELETE /api/session',
  'GET /api/me',
  'POST /api/me/password',
  'POST /api/me/tokens',
  'GET /api/me/tokens',
  'DELETE /api/me/tokens/{tokenId}',
  'POST /api/companies',
  'GET /api/companies',
  'POST /api/users',
  'GET /api/users',
  'PATCH /api/users/{userId}',
  'POST /api/portfolios',
  'GET /api/portfolios',
  'GET /api/portfolios/{portfolioId}',
  'PATCH /api/portfolios/{portfolioId}',
  'DELETE /api/portfolios/{portfolioId}',
  'GET /api/portfolios/{portfolioId}/members',
  'POST /api/portfolios/{portfolioId}/members',
  'PATCH /api/portfolios/{portfolioId}/members/{userId}',
  'DELETE /api/portfolios/{portfolioId}/members/{userId}',
  'GET /api/portfolios/{portfolioId}/initiatives',
  'POST /api/portfolios/{portfolioId}/initiatives',
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}',
  'PATCH /api/portfolios/{portfolioId}/initiatives/{initiativeId}',
  'DELETE /api/portfolios/{portfolioId}/initiatives/{initiativeId}',
  'GET /api/portfolios/{portfolioId}/audit',
  'POST /api/portfolios/{portfolioId}/jira/verify',
  'PUT /api/portfolios/{portfolioId}/jira',
  'GET /api/portfolios/{portfolioId}/jira',
  'PATCH /api/portfolios/{portfolioId}/jira',
  'DELETE /api/portfolios/{portfolioId}/jira',
  'GET /api/portfolios/{portfolioId}/jira/delete-preview',
  'GET /api/portfolios/{portfolioId}/jira/projects/available',
  'POST /api/portfolios/{portfolioId}/jira/projects',
  'GET /api/portfolios/{portfolioId}/jira/projects/{projectKey}/unlink-preview',
  'DELETE /api/portfolios/{portfolioId}/jira/projects/{projectKey}',
  'POST /api/portfolios/{portfolioId}/jira/sync',
  'GET /api/portfolios/{portfolioId}/jira/sync',
  'POST /api/portfolios/{portfolioId}/jira/webhook',
  'GET /api/portfolios/{portfolioId}/jira/webhook',
  'PUT /api/portfolios/{portfolioId}/jira/webhook/jql',
  'DELETE /api/portfolios/{portfolioId}/jira/webhook',
  'POST /api/webhooks/jira/{deliveryId}',
  'POST /api/portfolios/{portfolioId}/jira/forge-events',
  'GET /api/portfolios/{portfolioId}/jira/forge-events',
  'POST /api/webhooks/forge',
  'GET /api/portfolios/{portfolioId}/jira/epics',
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}/epics',
  'POST /api/portfolios/{portfolioId}/initiatives/{initiativeId}/epics',
  'DELETE /api/portfolios/{portfolioId}/initiatives/{initiativeId}/epics/{epicKey}',
  // Issue 10: history, trends and forecast.
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}/history',
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}/changes',
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}/forecast',
  'GET /api/portfolios/{portfolioId}/attention',
  'GET /api/portfolios/{portfolioId}/initiatives.csv',
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
]

const PUBLIC = [
  'POST /api/session',
  'DELETE /api/session',
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
  // Jira delivers without a session; the signature decides (401 for a bad one).
  'POST /api/webhooks/jira/{deliveryId}',
  'POST /api/webhooks/forge',
]

type Operation = {
  security?: unknown[]
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>
}

function operationsOf(document: { paths: Record<string, Record<string, Operation>> }) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      path,
      method,
      operation,
    })),
  )
}

describe.each(DIALECTS)('the OpenAPI document on %s', (dialect) => {
  let t: TestApp
  let document: {
    openapi: string
    paths: Record<string, Record<string, Operation>>
    components: Record<string, Record<string, unknown>>
  }
  beforeAll(async () => {
    t = await createTestApp(dialect)
    const response = await t.anonymous.get('/api/openapi.json')
    expect(response.status).toBe(200)
    document = response.body
  })
  afterAll(() => t.destroy())

  test('is public OpenAPI 3.0 and lists exactly the contract’s operations', () => {
    expect(document.openapi).toMatch(/^3\.0\./)
    expect(
      operationsOf(document)
        .map((op) => op.key)
        .sort(),
    ).toEqual([...CONTRACT].sort())
  })

  test('lists every route the app actually serves', () => {
    // The web pages (pages/) are HTML for browsers, not API operations: only /api is documented.
    const served = t.app.routes
      .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
    const documented = new Set(operationsOf(document).map((op) => op.key))
    expect(served.filter((route) => !documented.has(route))).toEqual([])
  })

  test('every documented 4xx answer uses the shared error schema', () => {
    for (const { key, operation } of operationsOf(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('4')) continue
        expect({ key, status, schema: response.content?.['application/json']?.schema }).toEqual({
          key,
          status,
          schema: { $ref: '#/components/schemas/Error' },
        })
      }
    }
    expect(document.components.schemas!.Error).toBeDefined()
    expect(Object.keys(document.components.securitySchemes!)).toEqual([
      'sessionCookie',
      'bearerToken',
    ])
  })

  test('operations that need a user say so, and really answer 401 without one', async () => {
    const fill = (path: string) => path.replace(/\{\w+\}/g, () => crypto.randomUUID())
    for (const { key, path, method, operation } of operationsOf(document)) {
      const isPublic = PUBLIC.includes(key)
      expect({ key, secured: (operation.security ?? []).length > 0 }).toEqual({
        key,
        secured: !isPublic,
      })
      if (isPublic) continue
      const response = await t.anonymous.call(
        method.toUpperCase(),
        fill(path),
        method === 'get' ? {} : { body: {} },
      )
      expect({ key, status: response.status }).toEqual({ key, status: 401 })
    }
  })

  test('the docs page lists every operation, with no resource from elsewhere', async () => {
    const response = await t.anonymous.get('/api/docs')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/text\/html/)
    const page: string = response.body
    for (const { path, method } of operationsOf(document)) {
      const escaped = path.replace(/[{}.]/g, (char) => `\\${char}`)
      expect(page).toMatch(
        new RegExp(`<span class="method ${method}">${method}</span>\\s*<code>${escaped}</code>`),
      )
    }
    // The machine may be offline: no CDN scripts, styles or fonts.
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/)
    const nonce = /<style nonce="([^"]+)">/.exec(page)?.[1]
    expect(response.headers.get('Content-Security-Policy')).toContain(`'nonce-${nonce}'`)
  })

  test('responses carry the security headers', async () => {
    const response = await t.anonymous.get('/api/health')
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('X-Frame-Options')).toBe('DENY')
    expect(response.headers.get('X-Request-Id')).toMatch(/^[\w-]+$/)
  })
})
