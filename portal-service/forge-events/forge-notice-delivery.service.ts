/**
 * @module
 * Receives change notices the Forge app forwards (DESIGN.md, "Freshness: events are hints"). The
 * key id names whose secret to check; the signature (shared/contract: HMAC over timestamp,
 * request id and the raw body, compared in constant time by `crypto.subtle.verify`) is checked
 * before anything is parsed, the timestamp must be within 5 minutes, and the request id is
 * remembered in `event_deliveries` so a replay is refused by every instance. Only then is the
 * body read, and its notices queued exactly as a Jira webhook's are. The answer never waits for Jira.
 */
import type { Kysely } from 'kysely'
import { keyIdSchema, noticeDeliverySchema } from '../../shared/contract/notice-delivery.js'
import { verifyRequest, type HeaderSource, type VerifyFailure } from '../../shared/contract/signing.js'
import type { ChangeNotice } from '../../shared/events/change-notice.js'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { ApiError } from '../http/errors.js'
import { credentialContext } from '../jira/connection-source.js'
import type { Logger } from '../log/logger.js'
import type { SecretBox } from '../secrets/secret-box.js'
import * as deliveryRepository from '../webhooks/event-delivery.repository.js'
import { DELIVERY_MEMORY_MS } from '../webhooks/webhook-delivery.service.js'
import * as feedRepository from './forge-event-feed.repository.js'

/** Forget old delivery keys once every this many accepted deliveries of a feed. */
const FORGET_EVERY = 50

export interface ForgeDeliveryDeps {
  db: Kysely<Database>
  clock: Clock
  log: Logger
  jira: { box: SecretBox }
  changes: { enqueue(portfolioId: string, notices: readonly ChangeNotice[]): void }
}

export interface ForgeDelivery {
  /** The request's headers: X-PB-Key-Id and the signing headers. */
  headers: HeaderSource & { get(name: string): string | null }
  /** The body exactly as received: the signature covers these bytes. */
  body: Uint8Array
}

export interface ForgeDeliveryAnswer {
  status: 'queued'
  notices: number
  portfolios: number
}

const REFUSALS: Record<VerifyFailure, string> = {
  missing: 'The delivery is not signed: X-PB-Key-Id, X-PB-Timestamp, X-PB-Signature and X-PB-Request-Id are required.',
  stale: "The delivery's timestamp is more than 5 minutes away from the portal's clock.",
  bad_signature: "The delivery is not signed with the secret of a Forge connection of this portal.",
  replayed: 'This delivery was received before.',
}

function refused(reason: VerifyFailure): ApiError {
  return new ApiError(401, 'invalid_signature', REFUSALS[reason], { reason })
}

/**
 * @throws ApiError 401 `invalid_signature` (missing, stale, wrong or replayed; counted against
 *   the feeds the key id names), 410 `forge_events_gone` (no Forge connection uses that secret:
 *   the app stops forwarding), 400 for an authentic body that is not a batch of notices.
 */
export async function receiveForgeNotices(deps: ForgeDeliveryDeps, delivery: ForgeDelivery): Promise<ForgeDeliveryAnswer> {
  const { db, clock, log } = deps
  const keyId = keyIdSchema.safeParse(delivery.headers.get('X-PB-Key-Id')?.trim())
  if (!keyId.success) throw refused('missing')
  const candidates = await feedRepository.candidatesForKey(db, keyId.data)
  if (candidates.length === 0) {
    throw new ApiError(410, 'forge_events_gone', 'No portfolio of this portal reads Jira through a Forge app with this secret: stop forwarding until a portfolio subscribes again.')
  }

  const now = clock.now()
  // Bytes that are not UTF-8 decode to something the app never signed, so they fail below.
  const text = new TextDecoder().decode(delivery.body)
  const accepted: string[] = []
  let reason: VerifyFailure = 'bad_signature'
  for (const { feed, credentialSealed } of candidates) {
    const secret = deps.jira.box.open(credentialSealed, credentialContext(feed.portfolioId))
    const verified = await verifyRequest({
      headers: delivery.headers,
      body: text,
      secret: async () => secret,
      replayGuard: (requestId) => deliveryRepository.rememberDelivery(db, feed.portfolioId, [`forge:${requestId}`], now.toISOString()),
      now: now.getTime(),
    })
    if (verified.ok) accepted.push(feed.portfolioId)
    else reason = verified.reason
  }
  if (accepted.length === 0) {
    await feedRepository.countRefusal(db, candidates.map((c) => c.feed.portfolioId), now.toISOString())
    log.warn('Forge event delivery refused', { keyId: keyId.data, reason })
    throw refused(reason)
  }

  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'malformed_json', 'The delivery body is not JSON.')
  }
  const batch = noticeDeliverySchema.safeParse(json)
  if (!batch.success) throw new ApiError(400, 'validation_failed', 'The delivery is not a batch of 1 to 100 change notices.')

  for (const portfolioId of accepted) {
    const count = await feedRepository.countDelivery(db, portfolioId, now.toISOString())
    if (count % FORGET_EVERY === 0) {
      const before = new Date(now.getTime() - DELIVERY_MEMORY_MS).toISOString()
      void deliveryRepository
        .forgetDeliveries(db, portfolioId, before)
        .catch((error: unknown) => log.warn('could not forget old Forge deliveries', { error }))
    }
    deps.changes.enqueue(portfolioId, batch.data.notices)
  }
  return { status: 'queued', notices: batch.data.notices.length, portfolios: accepted.length }
}
