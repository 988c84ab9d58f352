/**
 * @module
 * Subscribes a Forge-mode portfolio to its app's change notices (DESIGN.md, "Freshness: events
 * are hints"). The portal tells the app, in a signed `subscribeEvents` request, the one URL to
 * deliver to; the app answers with the key id (its secret's fingerprint) it will name its
 * deliveries by, and the portal keeps both. The app's egress, fixed when it was deployed with
 * PORTAL_ORIGIN, decides whether it can actually reach that URL.
 */
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Database } from '../db/database.js'
import { ApiError } from '../http/errors.js'
import { credentialContext } from '../jira/connection-source.js'
import { createForgeSource } from '../jira/forge-source.js'
import type { IntegrationDeps } from '../jira/integration-deps.js'
import { throwJiraFailure } from '../jira/jira-api-error.js'
import * as connectionRepository from '../jira/jira-connection.repository.js'
import type { Actor } from '../policy/actor.js'
import { eventFreshness, type EventFreshness } from '../webhooks/event-freshness.js'
import * as feedRepository from './forge-event-feed.repository.js'
import type { ForgeEventFeed } from './forge-event-feed.table.js'

/** Where the app delivers, under the portal's public origin: one URL for every portfolio (the key id tells them apart). */
export function forgeEventsUrl(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/api/webhooks/forge`
}

export interface ForgeEventFeedView extends EventFreshness {
  eventsUrl: string
  keyId: string
  subscribedAt: string
  deliveries: number
  lastRefusedAt: string | null
}

/** The freshness facts of a feed, as `eventFreshness` reads them. */
export function feedFacts(feed: ForgeEventFeed) {
  return { configuredAt: feed.subscribedAt, lastDeliveryAt: feed.lastDeliveryAt, refusedDeliveries: Number(feed.refusedDeliveries) }
}

export function feedView(feed: ForgeEventFeed, now: Date): ForgeEventFeedView {
  return {
    ...eventFreshness(feedFacts(feed), now),
    eventsUrl: feed.eventsUrl,
    keyId: feed.keyId,
    subscribedAt: feed.subscribedAt,
    deliveries: Number(feed.deliveries),
    lastRefusedAt: feed.lastRefusedAt,
  }
}

/** The portfolio's feed if its current connection subscribed one. */
export async function currentFeed(db: Kysely<Database>, portfolioId: string): Promise<ForgeEventFeed | undefined> {
  const connection = await connectionRepository.findConnection(db, portfolioId)
  if (connection?.mode !== 'forge') return undefined
  const feed = await feedRepository.findFeed(db, portfolioId)
  return feed?.connectionId === connection.id ? feed : undefined
}

/**
 * Asks the portfolio's Forge app to forward change notices to this portal, and records the feed.
 * @throws ApiError 404 `jira_not_configured`; 409 `wrong_mode` (API-token connections use a Jira
 *   webhook); the Forge failures of a saved connection (e.g. 502 `forge_app_not_understood` from
 *   an app too old to forward events).
 */
export async function subscribeForgeEvents(
  deps: Pick<IntegrationDeps, 'db' | 'clock' | 'jira'>,
  actor: Actor | null,
  portfolioId: string,
  origin: string,
): Promise<ForgeEventFeedView> {
  const connection = await connectionRepository.findConnection(deps.db, portfolioId)
  if (!connection) throw new ApiError(404, 'jira_not_configured', 'This portfolio is not connected to Jira yet. A portfolio manager can configure it.')
  if (connection.mode !== 'forge' || !connection.webTriggerUrl) {
    throw new ApiError(409, 'wrong_mode', 'This connection uses an API token: Jira events reach the portal through a Jira webhook instead.')
  }
  const secret = deps.jira.box.open(connection.credentialSealed, credentialContext(portfolioId))
  const source = createForgeSource({ webTriggerUrl: connection.webTriggerUrl, secret }, deps.jira.transport, { retry: { maxRetries: 1, baseDelayMs: 500 } })
  const answer = await source.subscribeEvents(forgeEventsUrl(origin)).catch((error) => throwJiraFailure(error, 'saved', connection.webTriggerUrl!))
  await deps.db.transaction().execute(async (trx) => {
    await feedRepository.saveFeed(trx, {
      portfolioId,
      connectionId: connection.id,
      keyId: answer.keyId,
      eventsUrl: answer.eventsUrl,
      subscribedAt: deps.clock.now().toISOString(),
    })
    await auditRepository.recordAudit(trx, deps.clock, {
      actorId: actor?.userId ?? null,
      portfolioId,
      action: 'jira.forge_events_subscribed',
      targetType: 'jira_connection',
      targetId: portfolioId,
      details: { eventsUrl: answer.eventsUrl, keyId: answer.keyId },
    })
  })
  const feed = await feedRepository.findFeed(deps.db, portfolioId)
  return feedView(feed!, deps.clock.now())
}

/** The feed as managers see it. @throws ApiError 404 `forge_events_not_subscribed` */
export async function getForgeEventFeed(deps: Pick<IntegrationDeps, 'db' | 'clock'>, portfolioId: string): Promise<ForgeEventFeedView> {
  const feed = await currentFeed(deps.db, portfolioId)
  if (!feed) {
    throw new ApiError(404, 'forge_events_not_subscribed', 'The Forge app does not forward Jira events to this portal yet: figures come from the schedule.')
  }
  return feedView(feed, deps.clock.now())
}
