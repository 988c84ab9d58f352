// The `event_deliveries` table: delivery keys seen lately, so duplicates are dropped by every instance.
import type { Insertable, Selectable } from 'kysely'

export interface EventDeliveryTable {
  portfolioId: string
  /** `id:<X-Atlassian-Webhook-Identifier>` or `body:<sha256 of the body>`. */
  deliveryKey: string
  receivedAt: string
}

export type EventDelivery = Selectable<EventDeliveryTable>
export type NewEventDelivery = Insertable<EventDeliveryTable>
