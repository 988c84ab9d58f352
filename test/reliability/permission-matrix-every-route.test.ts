// Issue 8, item 5 (security): DESIGN.md's permission table over HTTP for every operation of the OpenAPI document, for every kind of caller.
// test/api/permissions.test.ts checks exact statuses for the portfolio routes; this suite reads the
// routes from the document, so a new route fails here until it is given its row of the table.
import type { PortfolioAction } from '../../portal-service/policy/policy.js'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'
import { createTestApp, type ApiResponse, type SessionClient, type TestApp } from '../support/test-app.js'
import { DIALECTS } from '../support/test-database.js'
import { exampleOf, loadOperations, type ApiOperation, type OpenApiDocument } from './support/api-operations.js'

/** Who may call an operation. */
type Rule =
  | { kind: 'public' }
  /** No session grants anything: the request's own signature decides. */
  | { kind: 'signature' }
  /** Any signed-in user, on their own things. */
  | { kind: 'signedIn' }
  | { kind: 'siteAdmin' }
  /** Users of the company the portfolio is created in, and site admins. */
  | { kind: 'companyUser' }
  | { kind: 'portfolio'; action: PortfolioAction }

const portfolio = (action: PortfolioAction): Rule => ({ kind: 'portfolio', action })

// One row per operation, from DESIGN.md's table ("Permissions") and the site-level rules.
const RULES: Record<string, Rule> = {
  'GET /api/health': { kind: 'public' },
  'GET /api/openapi.json': { kind: 'public' },
  'GET /api/docs': { kind: 'public' },
  'POST /api/session': { kind: 'public' },
  'DELETE /api/session': { kind: 'public' },
  'POST /api/webhooks/jira/{deliveryId}': { kind: 'signature' },
  'POST /api/webhooks/forge': { kind: 'signature' },
  'GET /api/me': { kind: 'signedIn' },
  'POST /api/me/password': { kind: 'signedIn' },
  'POST /api/me/tokens': { kind: 'signedIn' },
  'GET /api/me/tokens': { kind: 'signedIn' },
  'DELETE /api/me/tokens/{tokenId}': { kind: 'signedIn' },
  'GET /api/users': { kind: 'signedIn' },
  'GET /api/portfolios': { kind: 'signedIn' },
  'POST /api/companies': { kind: 'siteAdmin' },
  'GET /api/companies': { kind: 'siteAdmin' },
  'POST /api/users': { kind: 'siteAdmin' },
  'PATCH /api/users/{userId}': { kind: 'siteAdmin' },
  'POST /api/portfolios': { kind: 'companyUser' },
  'GET /api/portfolios/{portfolioId}': portfolio('viewPortfolio'),
  'PATCH /api/portfolios/{portfolioId}': portfolio('managePortfolio'),
  'DELETE /api/portfolios/{portfolioId}': portfolio('managePortfolio'),
  'GET /api/portfolios/{portfolioId}/members': portfolio('viewPortfolio'),
  'POST /api/portfolios/{portfolioId}/members': portfolio('managePortfolio'),
  'PATCH /api/portfolios/{portfolioId}/members/{userId}': portfolio('managePortfolio'),
  'DELETE /api/portfolios/{portfolioId}/members/{userId}': portfolio('managePortfolio'),
  'GET /api/portfolios/{portfolioId}/audit': portfolio('viewAudit'),
  'GET /api/portfolios/{portfolioId}/initiatives': portfolio('viewPortfolio'),
  'POST /api/portfolios/{portfolioId}/initiatives': portfolio('editInitiatives'),
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}': portfolio('viewPortfolio'),
  'PATCH /api/portfolios/{portfolioId}/initiatives/{initiativeId}': portfolio('editInitiatives'),
  'DELETE /api/portfolios/{portfolioId}/initiatives/{initiativeId}': portfolio('editInitiatives'),
  'GET /api/portfolios/{portfolioId}/jira': portfolio('viewPortfolio'),
  'PUT /api/portfolios/{portfolioId}/jira': portfolio('configureJira'),
  'PATCH /api/portfolios/{portfolioId}/jira': portfolio('configureJira'),
  'DELETE /api/portfolios/{portfolioId}/jira': portfolio('configureJira'),
  'POST /api/portfolios/{portfolioId}/jira/verify': portfolio('configureJira'),
  'GET /api/portfolios/{portfolioId}/jira/delete-preview': portfolio('configureJira'),
  'POST /api/portfolios/{portfolioId}/jira/webhook': portfolio('configureJira'),
  'GET /api/portfolios/{portfolioId}/jira/webhook': portfolio('configureJira'),
  'PUT /api/portfolios/{portfolioId}/jira/webhook/jql': portfolio('configureJira'),
  'DELETE /api/portfolios/{portfolioId}/jira/webhook': portfolio('configureJira'),
  'POST /api/portfolios/{portfolioId}/jira/forge-events': portfolio('configureJira'),
  'GET /api/portfolios/{portfolioId}/jira/forge-events': portfolio('configureJira'),
  'GET /api/portfolios/{portfolioId}/jira/projects/available': portfolio('linkProjects'),
  'POST /api/portfolios/{portfolioId}/jira/projects': portfolio('linkProjects'),
  'GET /api/portfolios/{portfolioId}/jira/projects/{projectKey}/unlink-preview': portfolio('linkProjects'),
  'DELETE /api/portfolios/{portfolioId}/jira/projects/{projectKey}': portfolio('linkProjects'),
  'POST /api/portfolios/{portfolioId}/jira/sync': portfolio('linkEpics'),
  'GET /api/portfolios/{portfolioId}/jira/sync': portfolio('viewPortfolio'),
  'GET /api/portfolios/{portfolioId}/jira/epics': portfolio('linkEpics'),
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}/epics': portfolio('viewPortfolio'),
  'POST /api/portfolios/{portfolioId}/initiatives/{initiativeId}/epics': portfolio('linkEpics'),
  'DELETE /api/portfolios/{portfolioId}/initiatives/{initiativeId}/epics/{epicKey}': portfolio('linkEpics'),
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}/history': portfolio('viewPortfolio'),
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}/changes': portfolio('viewPortfolio'),
  'GET /api/portfolios/{portfolioId}/initiatives/{initiativeId}/forecast': portfolio('viewPortfolio'),
  'GET /api/portfolios/{portfolioId}/attention': portfolio('viewPortfolio'),
  'GET /api/portfolios/{portfolioId}/initiatives.csv': portfolio('viewPortfolio'),
}

/** DESIGN.md's table, column by column (site admins: the audit trail only). */
const ALLOWED: Record<PortfolioAction, Role[]> = {
  viewPortfolio: ['manager', 'contributor', 'viewer', 'external'],
  configureJira: ['manager'],
  linkProjects: ['manager'],
  linkEpics: ['manager', 'contributor'],
  editInitiatives: ['manager', 'contributor'],
  managePortfolio: ['manager'],
  viewAudit: ['manager', 'siteAdmin'],
}

// Refused callers first: a fresh world is built only when an allowed caller may destroy it.
const ROLES = ['anonymous', 'nonMember', 'siteAdmin', 'external', 'viewer', 'contributor', 'manager'] as const
type Role = (typeof ROLES)[number]
const MEMBERS: Role[] = ['manager', 'contributor', 'viewer', 'external']

type Expected = 'allowed' | 'unauthenticated' | 'hidden' | 'forbidden' | 'signature'

function expectedFor(rule: Rule, role: Role): Expected {
  if (rule.kind === 'public') return 'allowed'
  if (rule.kind === 'signature') return 'signature'
  if (role === 'anonymous') return 'unauthenticated'
  switch (rule.kind) {
    case 'signedIn':
      return 'allowed'
    case 'siteAdmin':
      return role === 'siteAdmin' ? 'allowed' : 'forbidden'
    case 'companyUser':
      return role === 'external' ? 'forbidden' : 'allowed'
    case 'portfolio':
      if (ALLOWED[rule.action].includes(role)) return 'allowed'
      return MEMBERS.includes(role) ? 'forbidden' : 'hidden'
  }
}

/** The status class DESIGN.md promises: 401 anonymous, 404 non-member, 403 forbidden, else allowed. */
function expectClass(response: ApiResponse, expected: Expected, where: string) {
  const code = response.body?.error?.code
  const seen = { where, status: response.status, code }
  switch (expected) {
    case 'unauthenticated':
      return expect(seen).toEqual({ where, status: 401, code: 'unauthenticated' })
    case 'hidden':
      return expect(seen).toEqual({ where, status: 404, code: 'not_found' })
    case 'forbidden':
      return expect(seen).toEqual({ where, status: 403, code: 'forbidden' })
    case 'signature':
      return expect(seen).toEqual({ where, status: 401, code: 'invalid_signature' })
    case 'allowed': {
      // Past the policy: done, or stopped by the data (409/422, or 404 for something not set up,
      // such as no Forge subscription), never one of the policy's own refusals.
      const shown = `${where}: ${JSON.stringify(response.body).slice(0, 300)}`
      expect(seen.status, shown).toBeLessThan(500)
      if (response.status >= 400) {
        expect([404, 409, 422], shown).toContain(response.status)
        expect(['unauthenticated', 'forbidden', 'csrf_failed', 'not_found'], shown).not.toContain(code)
      }
    }
  }
}

interface World {
  portfolioId: string
  callers: Record<Exclude<Role, 'anonymous'>, SessionClient>
  path: Record<string, string>
  /** Body values per caller (their own password, a user to add, an epic to link). */
  body(role: Role): Record<string, unknown>
  tokenOf: Record<string, string>
}

const discovered = await (async () => {
  const t = await createTestApp('sqlite')
  try {
    return await loadOperations(t.anonymous)
  } finally {
    await t.destroy()
  }
})()

test('every operation of the OpenAPI document has its row in the permission table', () => {
  expect(discovered.operations.map((op) => op.key).filter((key) => !(key in RULES))).toEqual([])
  expect(Object.keys(RULES).filter((key) => !discovered.operations.some((op) => op.key === key))).toEqual([])
})

describe.each(DIALECTS)('the permission table over HTTP on %s', (dialect) => {
  let t: TestApp
  let sandbox: JiraSandbox
  let document: OpenApiDocument
  let projects: string[]
  let readWorld: World | undefined

  beforeAll(async () => {
    sandbox = await startJiraSandbox({ seed: 12, dataset: { projects: 3, epicsPerProject: 3, childrenPerEpic: [0, 4] } })
    t = await createTestApp(dialect, { env: { JIRA_GATEWAY_URL: sandbox.url } })
    document = discovered.document
    projects = sandbox.store.projects().map((p) => p.key)
  })
  afterAll(async () => {
    await t.destroy()
    await sandbox.close()
  })

  /** A portfolio connected to Jira with an epic linked, and one signed-in caller of each kind. */
  async function buildWorld(needs: { webhook: boolean; tokens: boolean }): Promise<World> {
    const company = await t.createCompany()
    const other = await t.createCompany()
    const users = {
      manager: await t.createUser({ companyId: company.id }),
      contributor: await t.createUser({ companyId: company.id }),
      viewer: await t.createUser({ companyId: company.id }),
      external: await t.createUser({ companyId: other.id }),
      nonMember: await t.createUser({ companyId: company.id }),
      siteAdmin: await t.createUser({ companyId: company.id, siteAdmin: true }),
    }
    const callers = Object.fromEntries(await Promise.all(Object.entries(users).map(async ([role, user]) => [role, await t.signIn(user)]))) as World['callers']
    const { manager } = callers
    const portfolioId = (await manager.post('/api/portfolios', { name: 'Matrix', companyId: company.id })).body.id as string
    const api = (path: string) => `/api/portfolios/${portfolioId}${path}`
    for (const role of ['contributor', 'viewer', 'external'] as const) {
      const added = await manager.post(api('/members'), { userId: users[role].id, role: role === 'external' ? 'manager' : role })
      expect(added.status).toBe(201)
    }
    const target = await t.createUser({ companyId: company.id })
    await manager.post(api('/members'), { userId: target.id, role: 'viewer' })
    const jira = { siteUrl: sandbox.url, accountEmail: sandbox.accounts.admin.email, apiToken: sandbox.accounts.admin.token }
    expect((await manager.call('PUT', api('/jira'), { body: { ...jira, projectKeys: projects.slice(0, 2) } })).status).toBe(201)
    const initiativeId = (await manager.post(api('/initiatives'), { name: 'Guarded' })).body.id as string
    const [linked, spare] = sandbox.store.epics(projects[0])
    expect((await manager.post(api(`/initiatives/${initiativeId}/epics`), { epicKey: linked!.key })).status).toBe(201)
    await t.deps.sync.idle()
    const tokenOf: Record<string, string> = {}
    if (needs.tokens) {
      for (const [role, caller] of Object.entries(callers)) tokenOf[role] = (await caller.post('/api/me/tokens', { name: 'own' })).body.id
    }
    let deliveryId = 'A'.repeat(32)
    if (needs.webhook) {
      const webhook = await manager.post(api('/jira/webhook'))
      expect(webhook.status).toBe(201)
      deliveryId = new URL(webhook.body.url).pathname.split('/').at(-1)!
    }
    const newcomer = await t.createUser({ companyId: company.id })
    return {
      portfolioId,
      callers,
      tokenOf,
      path: { portfolioId, initiativeId, userId: target.id, projectKey: projects[1]!, epicKey: linked!.key, deliveryId },
      body: (role) => ({
        ...jira,
        companyId: company.id,
        userId: newcomer.id,
        role: 'viewer',
        projectKeys: [projects[2]],
        epicKey: spare!.key,
        email: role === 'anonymous' ? users.manager.email : users[role].email,
        password: role === 'anonymous' ? users.manager.password : users[role].password,
        currentPassword: role === 'anonymous' ? 'not known' : users[role].password,
        newPassword: 'a brand new long passphrase',
        name: 'Renamed by the matrix',
      }),
    }
  }

  function call(world: World, operation: ApiOperation, role: Role) {
    const client = role === 'anonymous' ? t.anonymous : world.callers[role]
    const values: Record<string, string> = { ...world.path, tokenId: world.tokenOf[role] ?? crypto.randomUUID() }
    const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]!))
    const body = operation.body ? exampleOf(document, operation.body, world.body(role)) : undefined
    return client.call(operation.method, url, body === undefined ? {} : { body })
  }

  test.each(discovered.operations.map((op) => [op.key, op] as const))('%s: each caller gets the class DESIGN.md gives it', async (key, operation) => {
    const rule = RULES[key]
    expect(rule, `${key} has no row in RULES`).toBeDefined()
    const needs = { webhook: key.includes('webhook'), tokens: operation.pathParams.includes('tokenId') }
    // Reads share one world; each write gets its own.
    let world = operation.method === 'GET' ? (readWorld ??= await buildWorld({ webhook: true, tokens: false })) : await buildWorld(needs)
    for (const role of ROLES) {
      const expected = expectedFor(rule!, role)
      // A portfolio DELETE that an allowed caller carries out would leave the next one nothing to
      // act on (signing out or revoking a token touches only the caller's own).
      if (expected === 'allowed' && operation.method === 'DELETE' && rule!.kind === 'portfolio') world = await buildWorld(needs)
      const response = await call(world, operation, role)
      expectClass(response, expected, `${key} as ${role}`)
    }
  })
})
