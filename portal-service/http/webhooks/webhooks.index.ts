// The Jira webhook routes, assembled.
import { createRouter } from '../router.js'
import * as handlers from './webhooks.handlers.js'
import * as routes from './webhooks.routes.js'

export function createWebhooksRouter() {
  return createRouter()
    .openapi(routes.createWebhook, handlers.createWebhook)
    .openapi(routes.getWebhook, handlers.getWebhook)
    .openapi(routes.confirmWebhookJql, handlers.confirmWebhookJql)
    .openapi(routes.deleteWebhook, handlers.deleteWebhook)
    .openapi(routes.receiveJiraDelivery, handlers.receiveJiraDelivery)
}
