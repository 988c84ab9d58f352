// Every cell of DESIGN.md's permission table: each role x same/other company x non-member x action.
import type { Role } from '../memberships/membership.table.js'
import type { Actor } from './actor.js'
import {
  PORTFOLIO_ACTIONS,
  allowedActions,
  can,
  canAdministerSite,
  canCreatePortfolio,
  canFindUsersByEmail,
  canListCompanyUsers,
  standingOf,
  type PortfolioAction,
} from './policy.js'

const portfolio = { companyId: 'acme' }

// Written out from DESIGN.md, not derived from the policy, so a slip in either shows.
//                       manager contributor viewer external nonMember
const TABLE: Record<PortfolioAction, [boolean, boolean, boolean, boolean, boolean]> = {
  viewPortfolio: [true, true, true, true, false],
  configureJira: [true, false, false, false, false],
  linkProjects: [true, false, false, false, false],
  linkEpics: [true, true, false, false, false],
  editInitiatives: [true, true, false, false, false],
  managePortfolio: [true, false, false, false, false],
  viewAudit: [true, false, false, false, false],
}

type Cell = { who: string; companyId: string; membership: { role: Role } | null; column: number }

const CELLS: Cell[] = [
  { who: 'manager, same company', companyId: 'acme', membership: { role: 'manager' }, column: 0 },
  {
    who: 'contributor, same company',
    companyId: 'acme',
    membership: { role: 'contributor' },
    column: 1,
  },
  { who: 'viewer, same company', companyId: 'acme', membership: { role: 'viewer' }, column: 2 },
  // A member of another company is external whatever the role.
  {
    who: 'manager, other company',
    companyId: 'globex',
    membership: { role: 'manager' },
    column: 3,
  },
  {
    who: 'contributor, other company',
    companyId: 'globex',
    membership: { role: 'contributor' },
    column: 3,
  },
  { who: 'viewer, other company', companyId: 'globex', membership: { role: 'viewer' }, column: 3 },
  { who: 'non-member, same company', companyId: 'acme', membership: null, column: 4 },
  { who: 'non-member, other company', companyId: 'globex', membership: null, column: 4 },
]

const cases = CELLS.flatMap((cell) =>
  PORTFOLIO_ACTIONS.map((action) => ({ ...cell, action, expected: TABLE[action][cell.column]! })),
)

describe.each([false, true])('site admin flag %s', (siteAdmin) => {
  test.each(cases)('$who: $action -> $expected', ({ companyId, membership, action, expected }) => {
    const actor: Actor = { userId: 'u1', companyId, siteAdmin }
    // The flag grants no portfolio rights; reading the audit trail is the one documented exception.
    const want = siteAdmin && action === 'viewAudit' ? true : expected
    expect(can(actor, membership, portfolio, action)).toBe(want)
  })
})

test('the table covers every action the policy knows', () => {
  expect(Object.keys(TABLE).sort()).toEqual([...PORTFOLIO_ACTIONS].sort())
})

test('standing names external members whatever their role', () => {
  const outsider: Actor = { userId: 'u2', companyId: 'globex', siteAdmin: false }
  expect(standingOf(outsider, { role: 'manager' }, portfolio)).toBe('external')
  expect(standingOf(outsider, null, portfolio)).toBe('nonMember')
})

test('allowedActions lists exactly what can() allows', () => {
  const contributor: Actor = { userId: 'u3', companyId: 'acme', siteAdmin: false }
  expect(allowedActions(contributor, { role: 'contributor' }, portfolio)).toEqual([
    'viewPortfolio',
    'linkEpics',
    'editInitiatives',
  ])
})

describe('site-level decisions', () => {
  const admin: Actor = { userId: 'a', companyId: 'acme', siteAdmin: true }
  const user: Actor = { userId: 'u', companyId: 'acme', siteAdmin: false }

  test('only site admins administer companies and users', () => {
    expect(canAdministerSite(admin)).toBe(true)
    expect(canAdministerSite(user)).toBe(false)
  })

  test('portfolios are created by users of that company or by site admins', () => {
    expect(canCreatePortfolio(user, 'acme')).toBe(true)
    expect(canCreatePortfolio(user, 'globex')).toBe(false)
    expect(canCreatePortfolio(admin, 'globex')).toBe(true)
  })

  test('users list their own company; site admins any', () => {
    expect(canListCompanyUsers(user, 'acme')).toBe(true)
    expect(canListCompanyUsers(user, 'globex')).toBe(false)
    expect(canListCompanyUsers(admin, 'globex')).toBe(true)
  })

  test('finding users of other companies by email takes a manager or a site admin', () => {
    expect(canFindUsersByEmail(user, false)).toBe(false)
    expect(canFindUsersByEmail(user, true)).toBe(true)
    expect(canFindUsersByEmail(admin, false)).toBe(true)
  })
})
