// The demo's live Jira webhook: Digital Banking's webhook created as a manager would, and registered in the sandbox as a Jira admin would.
import type { AppDeps } from '../http/app-env.js'
import { toActor } from '../users/user.service.js'
import { createWebhook } from '../webhooks/webhook.service.js'
import type { DemoSite } from './demo-site.js'
import type { SeededDemo } from './seed-demo.js'

export interface DemoWebhook {
  /** The one command that changes an issue in the sandbox, so its epic's figures change here within seconds. */
  curl: string
  /** Where to watch it. */
  initiativeUrl: string
}

/**
 * Creates Digital Banking's webhook under `portalOrigin` (where the sandbox can reach the demo
 * portal) and registers it in the sandbox: from then on every change to its linked projects
 * arrives signed, as Jira Cloud would send it.
 */
export async function connectDemoWebhook(deps: AppDeps, site: DemoSite, seeded: SeededDemo, portalOrigin: string): Promise<DemoWebhook> {
  const created = await createWebhook(deps, toActor(seeded.people.manager), { id: seeded.digitalBanking, name: 'Digital Banking' }, portalOrigin)
  site.sandbox.webhooks.register({ url: created.url, secret: created.secret, events: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'], jql: created.jql, name: 'Portfolio Bridge – Digital Banking' })
  const { store } = site.sandbox
  const epic = site.epics.plain[0]!
  const child = store.children(epic.id).find((c) => c.hierarchyLevel === 0 && c.statusCategory !== 'done') ?? store.children(epic.id)[0]!
  const initiativeId = seeded.initiatives['Mobile onboarding']!
  return {
    curl: `curl -X PATCH ${site.sandbox.url}/_sandbox/issues/${child.key} -H 'Content-Type: application/json' -d '{"status":"Done"}'`,
    initiativeUrl: `${portalOrigin}/portfolios/${seeded.digitalBanking}/initiatives/${initiativeId}`,
  }
}
