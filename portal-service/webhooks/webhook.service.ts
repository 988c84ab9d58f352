/**
 * @module
 * A portfolio's Jira admin webhook (API-token mode): create it (or rotate its secret), show it,
 * delete it, and say whether events are flowing. The secret is generated here, shown once,
 * stored sealed (signatures must be checked against it, so it cannot be hashed), and never
 * returned again. The delivery URL ends in an unguessable token; what makes a delivery count is
 * its signature.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { lockForUpdate } from '../db/dialect.js'
import { newId } from '../db/ids.js'
import { currentFeed, feedFacts } from '../forge-events/forge-event-subscription.js'
import { ApiError } from '../http/errors.js'
import * as connectionRepository from '../jira/jira-connection.repository.js'
import type { JiraConnection } from '../jira/jira-connection.table.js'
import * as projectRepository from '../jira/linked-project.repository.js'
import type { Actor } from '../policy/actor.js'
import { secretHint, type SecretBox } from '../secrets/secret-box.js'
import { eventFreshness, type EventFlowState, type EventFreshness } from './event-freshness.js'
import * as webhookRepository from './jira-webhook.repository.js'
import type { JiraWebhook } from './jira-webhook.table.js'
import { setupInstructions, WEBHOOK_EVENTS, webhookJql } from './webhook-setup.js'

export interface WebhookDeps {
  db: Kysely<Database>
  clock: Clock
  jira: { box: SecretBox }
}

/** Where deliveries for `deliveryToken` go, under the portal's public origin. */
export function deliveryUrl(origin: string, deliveryToken: string): string {
  return `${origin.replace(/\/+$/, '')}/api/webhooks/jira/${deliveryToken}`
}

/** What the sealed secret is bound to: it opens only for this portfolio's webhook. */
export function webhookSecretContext(portfolioId: string, webhookId: string): string {
  return `jira-webhook:${portfolioId}:${webhookId}`
}

export interface WebhookCreated {
  url: string
  /** Shown this once. */
  secret: string
  secretHint: string
  events: string[]
  jql: string
  instructions: string[]
  /** True when a webhook existed: its secret was replaced and the old one no longer verifies. */
  rotated: boolean
}

export interface WebhookView {
  url: string
  events: string[]
  /** The JQL given to the Jira admin. */
  jql: string
  /** The JQL for the projects linked now; differs from `jql` after projects were linked or unlinked. */
  currentJql: string
  jqlOutdated: boolean
  secretHint: string
  createdAt: string
  rotatedAt: string | null
  lastDeliveryAt: string | null
  deliveries: number
  refusedDeliveries: number
  lastRefusedAt: string | null
  status: EventFlowState
  statusLabel: string
  instructions: string[]
}

const notConfigured = () =>
  new ApiError(
    404,
    'jira_not_configured',
    'This portfolio is not connected to Jira yet. A portfolio manager can configure it.',
  )
const noWebhook = () =>
  new ApiError(
    404,
    'webhook_not_configured',
    'No Jira webhook is configured for this portfolio: figures come from the schedule.',
  )

async function requireApiTokenConnection(
  db: Kysely<Database>,
  portfolioId: string,
): Promise<JiraConnection> {
  const connection = await connectionRepository.findConnection(db, portfolioId)
  if (!connection) throw notConfigured()
  if (connection.mode !== 'api_token') {
    throw new ApiError(
      409,
      'wrong_mode',
      'This connection goes through the Forge app: it forwards Jira events itself, no webhook is needed.',
    )
  }
  return connection
}

async function readableProjectKeys(db: Kysely<Database>, portfolioId: string): Promise<string[]> {
  const projects = await projectRepository.listLinkedProjects(db, portfolioId)
  // A project Jira no longer shows would make the whole filter invalid there.
  return projects.filter((p) => p.state === 'ok').map((p) => p.projectKey)
}

/**
 * Creates the portfolio's webhook, or rotates the secret of the one it has (same URL).
 * @throws ApiError 404 `jira_not_configured`; 409 `wrong_mode` (Forge); 409 `no_linked_projects`.
 */
export async function createWebhook(
  deps: WebhookDeps,
  actor: Actor,
  portfolio: { id: string; name: string },
  origin: string,
): Promise<WebhookCreated> {
  const connection = await requireApiTokenConnection(deps.db, portfolio.id)
  const keys = await readableProjectKeys(deps.db, portfolio.id)
  if (keys.length === 0) {
    throw new ApiError(
      409,
      'no_linked_projects',
      'Link at least one Jira project first: the webhook filter covers the linked projects.',
    )
  }
  const jql = webhookJql(keys)
  const events = WEBHOOK_EVENTS.map((e) => e.name)
  const secret = `pbwh_${randomBytes(24).toString('base64url')}`
  const now = deps.clock.now().toISOString()
  const saved = await deps.db.transaction().execute(async (trx) => {
    // The connection's lock: creating twice at once rotates once after the other, never two rows.
    await trx
      .selectFrom('jiraConnections')
      .select('id')
      .where('id', '=', connection.id)
      .$call(lockForUpdate(trx))
      .execute()
    const existing = await webhookRepository.findWebhook(trx, portfolio.id)
    const id = existing?.id ?? newId()
    const token = existing?.deliveryToken ?? randomBytes(32).toString('base64url')
    const url = existing?.deliveryUrl ?? deliveryUrl(origin, token)
    const sealed = {
      secretSealed: deps.jira.box.seal(secret, webhookSecretContext(portfolio.id, id)),
      secretHint: secretHint(secret),
    }
    if (existing) {
      await webhookRepository.updateWebhook(trx, id, {
        ...sealed,
        connectionId: connection.id,
        events: JSON.stringify(events),
        jql,
        rotatedAt: now,
      })
    } else {
      await webhookRepository.insertWebhook(trx, {
        id,
        portfolioId: portfolio.id,
        connectionId: connection.id,
        deliveryToken: token,
        deliveryUrl: url,
        ...sealed,
        events: JSON.stringify(events),
        jql,
        createdAt: now,
        createdBy: actor.userId,
      })
    }
    await auditRepository.recordAudit(trx, deps.clock, {
      actorId: actor.userId,
      portfolioId: portfolio.id,
      action: existing ? 'jira.webhook_rotated' : 'jira.webhook_created',
      targetType: 'jira_webhook',
      targetId: id,
      details: { jql, events, secretHint: sealed.secretHint },
    })
    return { url, rotated: existing !== undefined, secretHint: sealed.secretHint }
  })
  return {
    url: saved.url,
    secret,
    secretHint: saved.secretHint,
    events,
    jql,
    instructions: setupInstructions({
      siteUrl: connection.siteUrl,
      portfolioName: portfolio.name,
      url: saved.url,
      jql,
      secret,
    }),
    rotated: saved.rotated,
  }
}

function feedOf(webhook: JiraWebhook) {
  return {
    configuredAt: webhook.rotatedAt ?? webhook.createdAt,
    lastDeliveryAt: webhook.lastDeliveryAt,
    refusedDeliveries: Number(webhook.refusedDeliveries),
  }
}

function parseEvents(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/** The webhook as managers see it: never the secret, only its last four characters. */
export async function getWebhookView(
  deps: Pick<WebhookDeps, 'db' | 'clock'>,
  portfolio: { id: string; name: string },
): Promise<WebhookView> {
  const connection = await connectionRepository.findConnection(deps.db, portfolio.id)
  if (!connection) throw notConfigured()
  const webhook = await webhookRepository.findWebhook(deps.db, portfolio.id)
  if (!webhook) throw noWebhook()
  const currentJql = webhookJql(await readableProjectKeys(deps.db, portfolio.id))
  const freshness = eventFreshness(feedOf(webhook), deps.clock.now())
  return {
    url: webhook.deliveryUrl,
    events: parseEvents(webhook.events),
    jql: webhook.jql,
    currentJql,
    jqlOutdated: currentJql !== webhook.jql,
    secretHint: webhook.secretHint,
    createdAt: webhook.createdAt,
    rotatedAt: webhook.rotatedAt,
    lastDeliveryAt: webhook.lastDeliveryAt,
    deliveries: Number(webhook.deliveries),
    refusedDeliveries: Number(webhook.refusedDeliveries),
    lastRefusedAt: webhook.lastRefusedAt,
    status: freshness.status,
    statusLabel: freshness.label,
    instructions: setupInstructions({
      siteUrl: connection.siteUrl,
      portfolioName: portfolio.name,
      url: webhook.deliveryUrl,
      jql: currentJql,
    }),
  }
}

/**
 * Records that the Jira admin replaced the webhook's JQL with `jql`, the filter over the projects
 * linked now; the "out of date" notice goes. The portal cannot read Jira's webhook settings, so
 * this is the manager's word, checked only against what the filter should be.
 * @throws ApiError 404 `jira_not_configured`, `webhook_not_configured`; 409 `wrong_mode`;
 *   409 `jql_changed` when `jql` is not the current filter (projects changed again meanwhile).
 */
export async function confirmWebhookJql(
  deps: WebhookDeps,
  actor: Actor,
  portfolio: { id: string; name: string },
  jql: string,
): Promise<WebhookView> {
  await requireApiTokenConnection(deps.db, portfolio.id)
  await deps.db.transaction().execute(async (trx) => {
    const webhook = await webhookRepository.findWebhook(trx, portfolio.id)
    if (!webhook) throw noWebhook()
    const currentJql = webhookJql(await readableProjectKeys(trx, portfolio.id))
    if (jql !== currentJql) {
      throw new ApiError(
        409,
        'jql_changed',
        'The linked projects changed again: enter the JQL shown now in Jira, then confirm that one.',
        { currentJql },
      )
    }
    if (webhook.jql === currentJql) return
    await webhookRepository.updateWebhook(trx, webhook.id, { jql: currentJql })
    await auditRepository.recordAudit(trx, deps.clock, {
      actorId: actor.userId,
      portfolioId: portfolio.id,
      action: 'jira.webhook_jql_updated',
      targetType: 'jira_webhook',
      targetId: webhook.id,
      details: { jql: { from: webhook.jql, to: currentJql } },
    })
  })
  return getWebhookView(deps, portfolio)
}

/** Deletes the webhook: its URL answers 404 from now on. The Jira admin should delete it in Jira too. */
export async function deleteWebhook(
  deps: WebhookDeps,
  actor: Actor,
  portfolioId: string,
): Promise<{ deleted: true }> {
  if (!(await connectionRepository.findConnection(deps.db, portfolioId))) throw notConfigured()
  return deps.db.transaction().execute(async (trx) => {
    const webhook = await webhookRepository.findWebhook(trx, portfolioId)
    if (!webhook || (await webhookRepository.deleteWebhook(trx, portfolioId)) === 0)
      throw noWebhook()
    await auditRepository.recordAudit(trx, deps.clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'jira.webhook_deleted',
      targetType: 'jira_webhook',
      targetId: webhook.id,
      details: { url: webhook.deliveryUrl },
    })
    return { deleted: true as const }
  })
}

/**
 * Whether events are flowing for the portfolio: from its Jira webhook in API-token mode, from
 * the Forge app's feed in Forge mode; without either, polling only.
 */
export async function eventFreshnessOf(
  db: Kysely<Database>,
  portfolioId: string,
  now: Date,
): Promise<EventFreshness> {
  const connection = await connectionRepository.findConnection(db, portfolioId)
  if (connection?.mode === 'forge') {
    const feed = await currentFeed(db, portfolioId)
    return eventFreshness(feed ? feedFacts(feed) : null, now)
  }
  const webhook = await webhookRepository.findWebhook(db, portfolioId)
  return eventFreshness(webhook ? feedOf(webhook) : null, now)
}
