// The `forge_event_feeds` table: a Forge-mode portfolio's subscription to its app's change notices.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface ForgeEventFeedTable {
  portfolioId: string
  /** The connection that subscribed; a replaced connection takes its feed with it. */
  connectionId: string
  /** The fingerprint of the shared secret (12 hex digits), as the app sends it in X-PB-Key-Id. Not a credential. */
  keyId: string
  /** The delivery URL the portal registered with the app. */
  eventsUrl: string
  subscribedAt: string
  lastDeliveryAt: string | null
  /** Authentic deliveries accepted. */
  deliveries: Generated<number>
  /** Deliveries refused: a wrong signature, a stale timestamp, a replayed request id. */
  refusedDeliveries: Generated<number>
  lastRefusedAt: string | null
}

export type ForgeEventFeed = Selectable<ForgeEventFeedTable>
export type NewForgeEventFeed = Insertable<ForgeEventFeedTable>
export type ForgeEventFeedUpdate = Updateable<ForgeEventFeedTable>
