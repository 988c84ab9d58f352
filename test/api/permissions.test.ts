// DESIGN.md's permission table over HTTP: every portfolio route for every kind of caller.
import type { PortfolioAction } from '../../portal-service/policy/policy.js'
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

type Standing =
  | 'manager'
  | 'contributor'
  | 'viewer'
  | 'external manager'
  | 'external contributor'
  | 'external viewer'
  | 'non-member, same company'
  | 'non-member, other company'
  | 'site admin, not a member'

// Which standings may take each action, written out from DESIGN.md (site admins: audit only).
const ALLOWED: Record<PortfolioAction, Standing[]> = {
  viewPortfolio: [
    'manager',
    'contributor',
    'viewer',
    'external manager',
    'external contributor',
    'external viewer',
  ],
  editInitiatives: ['manager', 'contributor'],
  managePortfolio: ['manager'],
  viewAudit: ['manager', 'site admin, not a member'],
  configureJira: ['manager'],
  linkProjects: ['manager'],
  linkEpics: ['manager', 'contributor'],
}

const STANDINGS = Object.keys({
  manager: 1,
  contributor: 1,
  viewer: 1,
  'external manager': 1,
  'external contributor': 1,
  'external viewer': 1,
  'non-member, same company': 1,
  'non-member, other company': 1,
  'site admin, not a member': 1,
} satisfies Record<Standing, 1>) as Standing[]

const MEMBER_STANDINGS = STANDINGS.filter(
  (standing) => !standing.includes('not a member') && !standing.startsWith('non-member'),
)

interface World {
  t: TestApp
  owner: SessionClient
  companyId: string
  portfolioId: string
  initiativeId: string
  targetUserId: string
  callers: Record<Standing, SessionClient>
}

interface Operation {
  name: string
  action: PortfolioAction
  success: number
  run(caller: SessionClient, world: World): Promise<{ status: number }>
}

/** Adds everyone to a portfolio with the role their standing names. */
async function addCallers(
  world: Omit<World, 'portfolioId' | 'initiativeId' | 'targetUserId'>,
  portfolioId: string,
) {
  for (const standing of MEMBER_STANDINGS) {
    if (standing === 'manager') continue // the owner added this one's membership below
    const role = standing.replace('external ', '') as 'manager' | 'contributor' | 'viewer'
    const response = await world.owner.post(`/api/portfolios/${portfolioId}/members`, {
      userId: world.callers[standing].user.id,
      role,
    })
    expect(response.status).toBe(201)
  }
  await world.owner.post(`/api/portfolios/${portfolioId}/members`, {
    userId: world.callers.manager.user.id,
    role: 'manager',
  })
}

const OPERATIONS: Operation[] = [
  {
    name: 'GET portfolio',
    action: 'viewPortfolio',
    success: 200,
    run: (c, w) => c.get(`/api/portfolios/${w.portfolioId}`),
  },
  {
    name: 'GET members',
    action: 'viewPortfolio',
    success: 200,
    run: (c, w) => c.get(`/api/portfolios/${w.portfolioId}/members`),
  },
  {
    name: 'GET initiatives',
    action: 'viewPortfolio',
    success: 200,
    run: (c, w) => c.get(`/api/portfolios/${w.portfolioId}/initiatives`),
  },
  {
    name: 'GET initiative',
    action: 'viewPortfolio',
    success: 200,
    run: (c, w) => c.get(`/api/portfolios/${w.portfolioId}/initiatives/${w.initiativeId}`),
  },
  {
    name: 'POST initiative',
    action: 'editInitiatives',
    success: 201,
    run: (c, w) => c.post(`/api/portfolios/${w.portfolioId}/initiatives`, { name: 'New idea' }),
  },
  {
    name: 'PATCH initiative',
    action: 'editInitiatives',
    success: 200,
    run: (c, w) =>
      c.patch(`/api/portfolios/${w.portfolioId}/initiatives/${w.initiativeId}`, {
        status: 'at_risk',
      }),
  },
  {
    name: 'DELETE initiative',
    action: 'editInitiatives',
    success: 204,
    async run(c, w) {
      const doomed = await w.owner.post(`/api/portfolios/${w.portfolioId}/initiatives`, {
        name: 'Doomed',
      })
      return c.delete(`/api/portfolios/${w.portfolioId}/initiatives/${doomed.body.id}`)
    },
  },
  {
    name: 'PATCH portfolio',
    action: 'managePortfolio',
    success: 200,
    run: (c, w) => c.patch(`/api/portfolios/${w.portfolioId}`, { description: 'Changed' }),
  },
  {
    name: 'POST member',
    action: 'managePortfolio',
    success: 201,
    async run(c, w) {
      const newcomer = await w.t.createUser({ companyId: w.companyId })
      return c.post(`/api/portfolios/${w.portfolioId}/members`, {
        userId: newcomer.id,
        role: 'viewer',
      })
    },
  },
  {
    name: 'PATCH member',
    action: 'managePortfolio',
    success: 200,
    run: (c, w) =>
      c.patch(`/api/portfolios/${w.portfolioId}/members/${w.targetUserId}`, {
        role: 'contributor',
      }),
  },
  {
    name: 'DELETE member',
    action: 'managePortfolio',
    success: 204,
    async run(c, w) {
      const leaving = await w.t.createUser({ companyId: w.companyId })
      await w.owner.post(`/api/portfolios/${w.portfolioId}/members`, {
        userId: leaving.id,
        role: 'viewer',
      })
      return c.delete(`/api/portfolios/${w.portfolioId}/members/${leaving.id}`)
    },
  },
  {
    name: 'DELETE portfolio',
    action: 'managePortfolio',
    success: 204,
    async run(c, w) {
      const doomed = await w.owner.post('/api/portfolios', {
        name: 'Doomed',
        companyId: w.companyId,
      })
      await addCallers(w, doomed.body.id)
      return c.delete(`/api/portfolios/${doomed.body.id}`)
    },
  },
  {
    name: 'GET audit',
    action: 'viewAudit',
    success: 200,
    run: (c, w) => c.get(`/api/portfolios/${w.portfolioId}/audit`),
  },
]

describe.each(DIALECTS)('the permission matrix over HTTP on %s', (dialect) => {
  const world = {} as World
  beforeAll(async () => {
    const t = await createTestApp(dialect)
    const companyId = (await t.createCompany()).id
    const otherCompanyId = (await t.createCompany()).id
    const owner = await t.newSession({ companyId })
    const session = (options: Parameters<TestApp['createUser']>[0]) => t.newSession(options)
    const callers: Record<Standing, SessionClient> = {
      manager: await session({ companyId }),
      contributor: await session({ companyId }),
      viewer: await session({ companyId }),
      'external manager': await session({ companyId: otherCompanyId }),
      'external contributor': await session({ companyId: otherCompanyId }),
      'external viewer': await session({ companyId: otherCompanyId }),
      'non-member, same company': await session({ companyId }),
      'non-member, other company': await session({ companyId: otherCompanyId }),
      'site admin, not a member': await session({ companyId, siteAdmin: true }),
    }
    const portfolioId = (await owner.post('/api/portfolios', { name: 'Matrix', companyId })).body.id
    Object.assign(world, { t, owner, companyId, callers, portfolioId })
    await addCallers(world, portfolioId)
    world.initiativeId = (
      await owner.post(`/api/portfolios/${portfolioId}/initiatives`, { name: 'Shared' })
    ).body.id
    const target = await t.createUser({ companyId })
    await owner.post(`/api/portfolios/${portfolioId}/members`, {
      userId: target.id,
      role: 'viewer',
    })
    world.targetUserId = target.id
  })
  afterAll(() => world.t.destroy())

  const cases = OPERATIONS.flatMap((operation) =>
    STANDINGS.map((standing) => {
      const allowed = ALLOWED[operation.action].includes(standing)
      const member = MEMBER_STANDINGS.includes(standing)
      // Non-members are told nothing exists; members lacking the right are told so.
      const expected = allowed ? operation.success : member ? 403 : 404
      return { operation, standing, expected }
    }),
  )

  test.each(cases)(
    '$operation.name by $standing -> $expected',
    async ({ operation, standing, expected }) => {
      const response = await operation.run(world.callers[standing], world)
      expect(response.status).toBe(expected)
    },
  )
})
