// Who is in the demo: two companies, five people (one per role the seed's Limitations name), three portfolios.
import type { Role } from '../memberships/membership.table.js'
import type { Status } from '../initiatives/initiative.table.js'

/** One password for every demo account, printed with the sign-ins. */
export const DEMO_PASSWORD = 'portfolio-demo'

export const DEMO_COMPANIES = { acme: 'Acme Corp', globex: 'Globex Partners' } as const
export type DemoCompany = keyof typeof DEMO_COMPANIES

export interface DemoPerson {
  id: 'manager' | 'contributor' | 'viewer' | 'external' | 'otherManager'
  name: string
  email: string
  company: DemoCompany
  /** What they are in "Digital Banking", the connected portfolio; null: not a member. */
  role: Role | null
  /** What to try as them, printed beside their sign-in. */
  tryThis: string
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: 'manager', name: 'Maya Patel', email: 'maya@acme.example', company: 'acme', role: 'manager', tryThis: 'configure Jira (Retail Expansion), edit, link/unlink projects, delete' },
  { id: 'contributor', name: 'Carlos Diaz', email: 'carlos@acme.example', company: 'acme', role: 'contributor', tryThis: 'create initiatives, link and unlink epics, refresh from Jira' },
  { id: 'viewer', name: 'Vera Novak', email: 'vera@acme.example', company: 'acme', role: 'viewer', tryThis: 'sees progress, no controls' },
  { id: 'external', name: 'Erin Okafor', email: 'erin@globex.example', company: 'globex', role: 'contributor', tryThis: 'external member: sees progress, changes nothing' },
  { id: 'otherManager', name: 'Gary Lindqvist', email: 'gary@globex.example', company: 'globex', role: null, tryThis: 'manages Globex’s own portfolio; cannot see Acme’s' },
]

export interface DemoInitiative {
  name: string
  description: string
  stage: string
  status: Status
  owner: DemoPerson['id'] | null
  startDate: string
  targetDate: string
}

export const DEMO_INITIATIVES: readonly DemoInitiative[] = [
  { name: 'Mobile onboarding', description: 'New customers open an account from the app in under five minutes.', stage: 'Execution', status: 'on_track', owner: 'manager', startDate: '2026-09-01', targetDate: '2027-03-31' },
  { name: 'Customer portal refresh', description: 'Self-service for statements, cards and address changes.', stage: 'Execution', status: 'at_risk', owner: 'contributor', startDate: '2026-10-01', targetDate: '2027-02-28' },
  { name: 'Payments modernisation', description: 'Move card and SEPA payments to the new ledger.', stage: 'Planning', status: 'off_track', owner: 'manager', startDate: '2026-11-01', targetDate: '2027-06-30' },
  { name: 'Data platform migration', description: 'Retire the nightly batch warehouse.', stage: 'Proposal', status: 'on_track', owner: null, startDate: '2027-01-15', targetDate: '2027-09-30' },
]
