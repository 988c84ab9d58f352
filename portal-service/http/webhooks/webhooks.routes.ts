// Jira admin webhooks: configure (managers) and receive deliveries (public; the signature decides).
import { createRoute, z } from '@hono/zod-openapi'
import { errorResponses } from '../errors.js'
import { portfolioParams } from '../portfolios/portfolios.routes.js'
import { protectedRoute } from '../router.js'
import {
  DeliveryAnswerSchema,
  DeliveryTokenSchema,
  WebhookCreatedSchema,
  WebhookJqlConfirmationSchema,
  WebhookSchema,
} from './webhooks.schemas.js'

const tags = ['Jira webhooks']
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const createWebhook = protectedRoute({
  method: 'post',
  path: '/api/portfolios/{portfolioId}/jira/webhook',
  tags,
  summary: 'Create the Jira webhook, or rotate its secret (managers)',
  description:
    'API-token mode. Answers the delivery URL, a new secret (shown only here), the events to tick and a JQL filter over the linked projects, with the steps for Jira’s System > WebHooks page. Creating again keeps the URL and replaces the secret: the old one stops working at once. 404 `jira_not_configured`; 409 `wrong_mode` (Forge connections forward events themselves), `no_linked_projects`.',
  request: { params: portfolioParams },
  responses: {
    201: json(WebhookCreatedSchema, 'Created or rotated'),
    ...errorResponses(401, 403, 404, 409),
  },
})

export const getWebhook = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/jira/webhook',
  tags,
  summary: 'The Jira webhook and whether its events are flowing (managers)',
  description: 'Never the secret. 404 `jira_not_configured`, `webhook_not_configured`.',
  request: { params: portfolioParams },
  responses: { 200: json(WebhookSchema, 'The webhook'), ...errorResponses(401, 403, 404) },
})

export const confirmWebhookJql = protectedRoute({
  method: 'put',
  path: '/api/portfolios/{portfolioId}/jira/webhook/jql',
  tags,
  summary: 'Confirm the Jira admin entered the current JQL in the webhook (managers)',
  description:
    'After projects are linked or unlinked the webhook’s JQL is out of date (`jqlOutdated`). Once a Jira admin has replaced it in Jira with `currentJql`, send that JQL here: the notice goes. The portal cannot read Jira’s webhook settings, so this records the manager’s word. 409 `jql_changed` (details carry `currentJql`) when the linked projects changed again; 404 `jira_not_configured`, `webhook_not_configured`; 409 `wrong_mode`.',
  request: {
    params: portfolioParams,
    body: { required: true, content: { 'application/json': { schema: WebhookJqlConfirmationSchema } } },
  },
  responses: { 200: json(WebhookSchema, 'The webhook, up to date'), ...errorResponses(400, 401, 403, 404, 409) },
})

export const deleteWebhook = protectedRoute({
  method: 'delete',
  path: '/api/portfolios/{portfolioId}/jira/webhook',
  tags,
  summary:
    'Delete the Jira webhook: its URL stops answering; figures keep coming from the schedule (managers)',
  request: { params: portfolioParams },
  responses: {
    200: json(z.object({ deleted: z.literal(true) }), 'Deleted'),
    ...errorResponses(401, 403, 404),
  },
})

export const receiveJiraDelivery = createRoute({
  method: 'post',
  path: '/api/webhooks/jira/{deliveryId}',
  tags,
  summary: 'Where Jira delivers webhook events (no session: the signature decides)',
  description:
    'Jira signs the raw body with the webhook’s secret in `X-Hub-Signature: sha256=<hex>` (checked before the body is read as JSON) and names each delivery in `X-Atlassian-Webhook-Identifier` (a delivery seen before is dropped). 202 `queued`: the affected epics are re-read from Jira within seconds; 200 `duplicate` or `ignored` (not an issue event, or too old). 401 `invalid_signature`; 400 for an authentic body that is not a Jira webhook; 413 over 1 MB; 404 for an unknown URL.',
  request: {
    params: z.object({
      deliveryId: DeliveryTokenSchema.openapi({ param: { name: 'deliveryId', in: 'path' } }),
    }),
  },
  responses: {
    200: json(DeliveryAnswerSchema, 'Dropped as a duplicate, or ignored'),
    202: json(DeliveryAnswerSchema, 'Queued'),
    ...errorResponses(400, 401, 404, 413),
  },
})
