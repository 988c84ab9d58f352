// The `jira_webhooks` table: a portfolio's Jira admin webhook, and how its deliveries went.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface JiraWebhookTable {
  id: string
  portfolioId: string
  connectionId: string
  /** The unguessable last segment of the delivery URL. Not a credential: the signature is. */
  deliveryToken: string
  /** The URL as given to the Jira admin (PORTAL_PUBLIC_URL, else the origin the manager used). */
  deliveryUrl: string
  /** The HMAC secret, sealed by the secret box; Jira signs each delivery with it. */
  secretSealed: string
  /** "…abcd": all the API ever shows of the secret after it was created. */
  secretHint: string
  /** JSON array of Jira webhook event names. */
  events: string
  /** The JQL filter given to the Jira admin when the webhook was created or rotated. */
  jql: string
  createdAt: string
  createdBy: string | null
  rotatedAt: string | null
  lastDeliveryAt: string | null
  /** Authentic deliveries accepted (duplicates excluded). */
  deliveries: Generated<number>
  /** Deliveries refused for a missing or wrong signature. */
  refusedDeliveries: Generated<number>
  lastRefusedAt: string | null
}

export type JiraWebhook = Selectable<JiraWebhookTable>
export type NewJiraWebhook = Insertable<JiraWebhookTable>
export type JiraWebhookUpdate = Updateable<JiraWebhookTable>
