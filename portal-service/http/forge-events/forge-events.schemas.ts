// Schemas of the Forge events API: the feed managers see, and what a delivery is answered.
import { z } from '@hono/zod-openapi'
import { EventFreshnessSchema } from '../webhooks/webhooks.schemas.js'

export const ForgeEventFeedSchema = EventFreshnessSchema.extend({
  eventsUrl: z.string().openapi({ description: 'Where the Forge app delivers: registered with the app by the portal.' }),
  keyId: z.string().openapi({ description: 'The fingerprint of the shared secret the app signs deliveries with (not a secret).' }),
  subscribedAt: z.string(),
  deliveries: z.number().int(),
  lastRefusedAt: z.string().nullable(),
}).openapi('ForgeEventFeed')

export const ForgeDeliveryAnswerSchema = z
  .object({
    status: z.literal('queued'),
    notices: z.number().int(),
    portfolios: z.number().int().openapi({ description: 'Portfolios reading Jira through this app that queued the notices.' }),
  })
  .openapi('ForgeDeliveryAnswer')
