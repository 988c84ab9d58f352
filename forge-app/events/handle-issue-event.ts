/**
 * @module
 * The `trigger` module's function (manifest.yml): Jira issue created, updated and deleted events
 * become compact change notices for the portal (DESIGN.md, "Freshness: events are hints"). Only
 * issues of projects on the allow-list leave the app; nothing is sent before a portal has
 * subscribed (signed `subscribeEvents`) or while no secret exists. The documented payload has no
 * parent, so for a created issue (the one case where the portal cannot know it from what it
 * holds) the parent is read from Jira: one call, only for allowed projects.
 */
import { parseForgeIssueEvent } from '../../shared/events/forge-issue-event.js'
import type { ChangeNotice } from '../../shared/events/change-notice.js'
import { appReading, RESOLVER_BUDGET } from '../jira/app-reader.js'
import { readAllowList, type AllowList } from '../storage/allow-list.js'
import { clearPortalEvents, readPortalEvents } from '../storage/portal-events.js'
import { readPortalSecret } from '../storage/portal-secret.js'
import { forwardNotices, type ForwardOutcome } from './forward-notices.js'

/** What became of one event; returned for tests and `forge:local`, ignored by the platform. */
export type IssueEventOutcome = ForwardOutcome | 'not_an_issue_event' | 'not_allowed' | 'no_portal' | 'no_secret'

function allowed(list: AllowList, notice: ChangeNotice): boolean {
  // Ids first (keys change); a key only when the event carries no project id.
  return list.projects.some((project) => (notice.projectId ? project.id === notice.projectId : project.key === notice.projectKey))
}

/** The issue's parent as Jira has it now; null when it has none or Jira would not say (the notice is still a hint). */
async function parentOf(issueId: string): Promise<string | null> {
  const jira = appReading(RESOLVER_BUDGET)
  try {
    const [issue] = await jira.within(() => jira.reader.client.bulkFetch([issueId], ['parent']))
    const parent = issue?.fields?.parent as { id?: unknown } | null | undefined
    return typeof parent?.id === 'string' && /^\d{1,18}$/.test(parent.id) ? parent.id : null
  } catch (error) {
    console.warn(`Could not read the parent of issue ${issueId}: ${error instanceof Error ? error.message : String(error)}`)
    return null
  }
}

/** Forge function `issue-event` (manifest.yml), invoked by the `issue-events` trigger. */
export async function handleIssueEvent(event: unknown): Promise<IssueEventOutcome> {
  const parsed = parseForgeIssueEvent(event, new Date())
  if (parsed.kind !== 'issue') return 'not_an_issue_event'
  let notice = parsed.notice
  if (!allowed(await readAllowList(), notice)) return 'not_allowed'
  const portal = await readPortalEvents()
  if (!portal) return 'no_portal'
  const secret = await readPortalSecret()
  if (!secret) return 'no_secret'
  if (!parsed.parentKnown && notice.event === 'created') notice = { ...notice, parentId: await parentOf(notice.issueId) }
  const outcome = await forwardNotices({ url: portal.url, secret }, [notice])
  if (outcome === 'gone') {
    console.info('The portal no longer reads Jira through this app: forwarding stops until a portal subscribes again.')
    await clearPortalEvents()
  }
  return outcome
}
