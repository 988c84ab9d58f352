// Schemas of the Jira webhook API: the webhook, its creation, deliveries, and event freshness.
import { z } from '@hono/zod-openapi'
import { EVENT_FLOW_STATES } from '../../webhooks/event-freshness.js'

export const EventFreshnessSchema = z
  .object({
    status: z.enum(EVENT_FLOW_STATES).openapi({
      description:
        '`live`: deliveries lately; `waiting`: configured, no delivery yet; `events_stopped`: nothing for a while; `polling_only`: no webhook, figures come from the schedule.',
    }),
    label: z.string().openapi({ example: 'events stopped 2026-11-25T09:12:00.000Z' }),
    lastDeliveryAt: z.string().nullable(),
    refusedDeliveries: z
      .number()
      .int()
      .openapi({ description: 'Deliveries refused for a missing or wrong signature.' }),
    since: z.string().nullable(),
  })
  .openapi('EventFreshness')

export const WebhookCreatedSchema = z
  .object({
    url: z.string().openapi({ description: 'Where Jira delivers: enter it as the webhook URL.' }),
    secret: z
      .string()
      .openapi({
        description: 'Enter it as the webhook secret. Shown only in this answer; stored encrypted.',
      }),
    secretHint: z.string(),
    events: z
      .array(z.string())
      .openapi({ example: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'] }),
    jql: z.string().openapi({ example: 'project in ("MOB", "WEB")' }),
    instructions: z
      .array(z.string())
      .openapi({ description: 'The steps on Jira’s System > WebHooks page.' }),
    rotated: z
      .boolean()
      .openapi({ description: 'A webhook existed: its old secret no longer verifies.' }),
  })
  .openapi('JiraWebhookCreated')

export const WebhookJqlConfirmationSchema = z
  .object({
    jql: z
      .string()
      .min(1)
      .max(20_000)
      .openapi({ description: 'The JQL now in the webhook in Jira: the `currentJql` the portal showed.' }),
  })
  .openapi('WebhookJqlConfirmation')

export const WebhookSchema = z
  .object({
    url: z.string(),
    events: z.array(z.string()),
    jql: z.string().openapi({ description: 'The JQL given to the Jira admin.' }),
    currentJql: z.string().openapi({ description: 'The JQL for the projects linked now.' }),
    jqlOutdated: z
      .boolean()
      .openapi({
        description: 'Projects were linked or unlinked since: update the webhook’s JQL in Jira.',
      }),
    secretHint: z
      .string()
      .openapi({
        description: 'The last four characters; the secret itself is never returned again.',
      }),
    createdAt: z.string(),
    rotatedAt: z.string().nullable(),
    lastDeliveryAt: z.string().nullable(),
    deliveries: z.number().int(),
    refusedDeliveries: z.number().int(),
    lastRefusedAt: z.string().nullable(),
    status: z.enum(EVENT_FLOW_STATES),
    statusLabel: z.string(),
    instructions: z.array(z.string()),
  })
  .openapi('JiraWebhook')

export const DeliveryAnswerSchema = z
  .object({
    status: z.enum(['queued', 'duplicate', 'ignored']),
    reason: z.string().optional(),
  })
  .openapi('WebhookDeliveryAnswer')

/** The delivery headers the portal reads; anything odd in them counts as absent. */
export const DeliveryHeadersSchema = z.object({
  signature: z.string().max(200).optional().catch(undefined),
  identifier: z.string().min(1).max(200).optional().catch(undefined),
})

/** The last segment of a delivery URL: 256 random bits, base64url. */
export const DeliveryTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/)
