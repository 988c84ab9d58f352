// Fills a fresh portal with the demo cast, through the same services the pages and the API use.
import { createCompany } from '../companies/company.service.js'
import * as epicsService from '../epics/epics.service.js'
import type { AppDeps } from '../http/app-env.js'
import { createInitiative } from '../initiatives/initiative.service.js'
import type { IntegrationDeps } from '../jira/integration-deps.js'
import { configureConnection } from '../jira/jira-connection.service.js'
import { addMember } from '../memberships/membership.service.js'
import type { Actor } from '../policy/actor.js'
import { createPortfolio } from '../portfolios/portfolio.service.js'
import type { ScryptParams } from '../users/password.js'
import { createUser, toActor, type UserView } from '../users/user.service.js'
import { DEMO_COMPANIES, DEMO_INITIATIVES, DEMO_PASSWORD, DEMO_PEOPLE, type DemoPerson } from './demo-cast.js'
import type { DemoSite } from './demo-site.js'

export interface SeededDemo {
  people: Record<DemoPerson['id'], UserView>
  /** Connected to the sandbox, with linked projects, initiatives and linked epics. */
  digitalBanking: string
  /** Not connected: for walking the Configure Jira Integration wizard. */
  retailExpansion: string
  /** Globex's own portfolio. */
  partnerNetwork: string
  initiatives: Record<string, string>
  linkedProjectKeys: string[]
}

export interface SeedOptions {
  /** Cheaper password hashing for tests; the demo uses the real cost. */
  scrypt?: ScryptParams
}

/** Linked to Digital Banking when the demo starts; the other projects are left to link by hand. */
export const DEMO_LINKED_PROJECTS = ['MOB', 'PORTAL', 'DATA', 'PAY']

export async function seedDemo(deps: AppDeps, site: DemoSite, options: SeedOptions = {}): Promise<SeededDemo> {
  const { db, clock } = deps
  const companies = {
    acme: await createCompany(db, clock, null, DEMO_COMPANIES.acme),
    globex: await createCompany(db, clock, null, DEMO_COMPANIES.globex),
  }
  const people = {} as SeededDemo['people']
  for (const person of DEMO_PEOPLE) {
    people[person.id] = await createUser(db, clock, null, { email: person.email, name: person.name, password: DEMO_PASSWORD, companyId: companies[person.company].id }, options.scrypt)
  }
  const actor = (id: DemoPerson['id']): Actor => toActor(people[id])

  const banking = await createPortfolio(db, clock, actor('manager'), {
    name: 'Digital Banking',
    companyId: companies.acme.id,
    description: 'Everything customers do on their phone or in the browser, from opening an account to paying.',
  })
  for (const person of DEMO_PEOPLE) {
    if (person.role && person.id !== 'manager') await addMember(db, clock, actor('manager'), banking.id, { userId: people[person.id].id, role: person.role })
  }
  const retail = await createPortfolio(db, clock, actor('manager'), { name: 'Retail Expansion', companyId: companies.acme.id, description: 'New branches and partner shops. Not connected to Jira yet: try the wizard here.' })
  await addMember(db, clock, actor('manager'), retail.id, { userId: people.viewer.id, role: 'viewer' })
  const partner = await createPortfolio(db, clock, actor('otherManager'), { name: 'Partner Network', companyId: companies.globex.id, description: 'Globex’s own portfolio.' })

  const initiatives: Record<string, string> = {}
  for (const initiative of DEMO_INITIATIVES) {
    const created = await createInitiative(db, clock, actor('manager'), banking.id, {
      ...initiative,
      ownerId: initiative.owner ? people[initiative.owner].id : null,
    })
    initiatives[initiative.name] = created.id
  }

  // The wizard's Save, as Maya would press it: credentials checked against the sandbox first.
  const integration: IntegrationDeps = { db, clock, log: deps.log, jira: deps.jira, sync: deps.sync }
  const admin = site.sandbox.accounts.admin
  await configureConnection(integration, actor('manager'), banking.id, {
    siteUrl: site.sandbox.url,
    accountEmail: admin.email,
    apiToken: admin.token,
    projectKeys: DEMO_LINKED_PROJECTS,
  })
  await deps.sync.idle()

  const { epics } = site
  const links: [string, string][] = [
    ['Mobile onboarding', epics.plain[0]!.key],
    ['Mobile onboarding', epics.unestimated.key],
    ['Customer portal refresh', epics.plain[1]!.key],
    ['Customer portal refresh', epics.withoutChildren.key],
    ['Payments modernisation', epics.doneWithOpenChildren.key],
    ['Data platform migration', epics.plain[2]!.key],
  ]
  for (const [initiative, epicKey] of links) {
    await epicsService.linkEpic(integration, actor('contributor'), banking.id, initiatives[initiative]!, epicKey)
  }
  // The first sync: every linked epic and its children read in full.
  await deps.sync.syncPortfolio(banking.id, { trigger: 'manual', mode: 'full' })
  return { people, digitalBanking: banking.id, retailExpansion: retail.id, partnerNetwork: partner.id, initiatives, linkedProjectKeys: DEMO_LINKED_PROJECTS }
}
