/**
 * @module
 * Receives a Jira admin webhook delivery (DESIGN.md, "Freshness: events are hints"): find the
 * webhook by its URL token, check the signature on the raw bytes before anything is parsed,
 * read the body leniently, drop what was delivered before (by Jira's delivery identifier and by
 * the body's digest, remembered in the database so every instance agrees), count the delivery
 * and queue its notice. The answer never waits for Jira: the queue reads later, in batches.
 */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { ChangeNotice } from '../../shared/events/change-notice.js'
import { parseJiraWebhook } from '../../shared/events/jira-webhook.js'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { ApiError } from '../http/errors.js'
import type { Logger } from '../log/logger.js'
import type { SecretBox } from '../secrets/secret-box.js'
import * as deliveryRepository from './event-delivery.repository.js'
import * as webhookRepository from './jira-webhook.repository.js'
import { webhookSecretContext } from './webhook.service.js'
import { verifySignature } from './webhook-signature.js'

/**
 * How long delivery keys are remembered. Jira retries a failed delivery for well under an hour
 * (developer community, "New Jira Cloud Webhook Retry Policy": up to about 30 minutes); older
 * deliveries are refused as stale rather than remembered forever.
 */
export const DELIVERY_MEMORY_MS = 24 * 60 * 60 * 1000

/** Forget old delivery keys once every this many accepted deliveries of a webhook. */
const FORGET_EVERY = 50

export interface DeliveryDeps {
  db: Kysely<Database>
  clock: Clock
  log: Logger
  jira: { box: SecretBox }
  changes: { enqueue(portfolioId: string, notices: readonly ChangeNotice[]): void }
}

export interface Delivery {
  deliveryToken: string
  /** The body exactly as received: the signature covers these bytes. */
  body: Uint8Array
  signature?: string | undefined
  identifier?: string | undefined
}

export type DeliveryAnswer =
  | { status: 202; body: { status: 'queued' } }
  | { status: 200; body: { status: 'duplicate' | 'ignored'; reason: string } }

const unknownUrl = () => new ApiError(404, 'not_found', 'No webhook answers at this URL.')

export async function receiveDelivery(
  deps: DeliveryDeps,
  delivery: Delivery,
): Promise<DeliveryAnswer> {
  const { db, clock, log } = deps
  const webhook = await webhookRepository.findWebhookByToken(db, delivery.deliveryToken)
  if (!webhook) throw unknownUrl()
  const secret = deps.jira.box.open(
    webhook.secretSealed,
    webhookSecretContext(webhook.portfolioId, webhook.id),
  )
  const now = clock.now()
  if (!verifySignature(secret, delivery.body, delivery.signature)) {
    await webhookRepository.countRefusal(db, webhook.id, now.toISOString())
    log.warn('webhook delivery refused', {
      portfolioId: webhook.portfolioId,
      reason: delivery.signature ? 'signature mismatch' : 'no signature',
    })
    throw new ApiError(
      401,
      'invalid_signature',
      'The delivery is not signed with this webhook’s secret (X-Hub-Signature: sha256=…).',
    )
  }

  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(delivery.body))
  } catch {
    throw new ApiError(400, 'malformed_json', 'The delivery body is not JSON.')
  }
  const parsed = parseJiraWebhook(json, now)
  if (parsed.kind === 'invalid')
    throw new ApiError(
      400,
      'validation_failed',
      `The delivery is not a Jira webhook: ${parsed.reason}.`,
    )
  if (
    parsed.kind === 'issue' &&
    parsed.timestamp !== null &&
    now.getTime() - parsed.timestamp > DELIVERY_MEMORY_MS
  ) {
    // Too old to tell from a replay; the schedule has read whatever it announced long ago.
    return { status: 200, body: { status: 'ignored', reason: 'stale' } }
  }

  // The identifier is not signed, so a replayed body under a new identifier is caught by its digest.
  const keys = [`body:${createHash('sha256').update(delivery.body).digest('hex')}`]
  if (delivery.identifier) keys.push(`id:${delivery.identifier}`)
  if (
    !(await deliveryRepository.rememberDelivery(db, webhook.portfolioId, keys, now.toISOString()))
  ) {
    log.info('webhook delivery dropped as a duplicate', { portfolioId: webhook.portfolioId })
    return { status: 200, body: { status: 'duplicate', reason: 'delivered before' } }
  }
  const count = await webhookRepository.countDelivery(db, webhook.id, now.toISOString())
  if (count % FORGET_EVERY === 0) {
    const before = new Date(now.getTime() - DELIVERY_MEMORY_MS).toISOString()
    void deliveryRepository
      .forgetDeliveries(db, webhook.portfolioId, before)
      .catch((error: unknown) => log.warn('could not forget old webhook deliveries', { error }))
  }
  if (parsed.kind === 'other')
    return {
      status: 200,
      body: { status: 'ignored', reason: `${parsed.webhookEvent} is not an issue event` },
    }
  deps.changes.enqueue(webhook.portfolioId, [parsed.notice])
  return { status: 202, body: { status: 'queued' } }
}
