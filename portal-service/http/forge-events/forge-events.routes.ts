// Forge product events: subscribe (managers) and receive the app's signed change notices (public; the signature decides).
import { createRoute, z } from '@hono/zod-openapi'
import { errorResponses } from '../errors.js'
import { portfolioParams } from '../portfolios/portfolios.routes.js'
import { protectedRoute } from '../router.js'
import { ForgeDeliveryAnswerSchema, ForgeEventFeedSchema } from './forge-events.schemas.js'

const tags = ['Jira webhooks']
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const subscribeForgeEvents = protectedRoute({
  method: 'post',
  path: '/api/portfolios/{portfolioId}/jira/forge-events',
  tags,
  summary: 'Ask the Forge app to forward Jira events to this portal (managers)',
  description:
    'Forge mode. Saving or editing a Forge connection does this already; call it again after the app was reinstalled or updated. The app must have been deployed with PORTAL_ORIGIN set to this portal. 404 `jira_not_configured`; 409 `wrong_mode` (API-token connections use POST …/jira/webhook); 502 `forge_app_not_understood` (an app too old to forward events).',
  request: { params: portfolioParams },
  responses: { 200: json(ForgeEventFeedSchema, 'Subscribed'), ...errorResponses(401, 403, 404, 409) },
})

export const getForgeEvents = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/jira/forge-events',
  tags,
  summary: 'Whether the Forge app’s events are flowing: last delivery, refused deliveries (managers)',
  description: '404 `forge_events_not_subscribed` when the app does not forward events to this portal.',
  request: { params: portfolioParams },
  responses: { 200: json(ForgeEventFeedSchema, 'The feed'), ...errorResponses(401, 403, 404) },
})

export const receiveForgeDelivery = createRoute({
  method: 'post',
  path: '/api/webhooks/forge',
  tags,
  summary: 'Where the Forge app delivers change notices (no session: the signature decides)',
  description:
    'The app signs the raw body with the shared secret (X-PB-Timestamp, X-PB-Request-Id, X-PB-Signature: v1=<hex HMAC-SHA256 of timestamp.requestId.body>) and names the secret in X-PB-Key-Id. Checked before the body is read: 401 `invalid_signature` (missing, wrong, older than 5 minutes, or a request id seen before); 410 `forge_events_gone` when no Forge connection uses that secret; 400 for an authentic body that is not 1 to 100 notices; 413 over 1 MB. 202: the affected epics are re-read from Jira within seconds.',
  responses: {
    202: json(ForgeDeliveryAnswerSchema, 'Queued'),
    ...errorResponses(400, 401, 410, 413),
  },
})
