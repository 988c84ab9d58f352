// Handlers of the Jira webhook routes: managers configure; Jira delivers, proven by its signature.
import type { RouteHandler } from '@hono/zod-openapi'
import { authorizePortfolio } from '../../policy/authorize.js'
import { receiveDelivery } from '../../webhooks/webhook-delivery.service.js'
import * as webhookService from '../../webhooks/webhook.service.js'
import type { AppEnv, AuthedEnv } from '../app-env.js'
import { publicOrigin } from '../public-origin.js'
import type * as routes from './webhooks.routes.js'
import { DeliveryHeadersSchema } from './webhooks.schemas.js'

export const createWebhook: RouteHandler<typeof routes.createWebhook, AuthedEnv> = async (c) => {
  const deps = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  const { portfolio } = await authorizePortfolio(
    deps.db,
    c.get('actor'),
    portfolioId,
    'configureJira',
  )
  return c.json(
    await webhookService.createWebhook(deps, c.get('actor'), portfolio, publicOrigin(c)),
    201,
  )
}

export const getWebhook: RouteHandler<typeof routes.getWebhook, AuthedEnv> = async (c) => {
  const deps = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  const { portfolio } = await authorizePortfolio(
    deps.db,
    c.get('actor'),
    portfolioId,
    'configureJira',
  )
  return c.json(await webhookService.getWebhookView(deps, portfolio), 200)
}

export const confirmWebhookJql: RouteHandler<typeof routes.confirmWebhookJql, AuthedEnv> = async (c) => {
  const deps = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  const { jql } = c.req.valid('json')
  const { portfolio } = await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'configureJira')
  return c.json(await webhookService.confirmWebhookJql(deps, c.get('actor'), portfolio, jql), 200)
}

export const deleteWebhook: RouteHandler<typeof routes.deleteWebhook, AuthedEnv> = async (c) => {
  const deps = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'configureJira')
  return c.json(await webhookService.deleteWebhook(deps, c.get('actor'), portfolioId), 200)
}

export const receiveJiraDelivery: RouteHandler<typeof routes.receiveJiraDelivery, AppEnv> = async (
  c,
) => {
  const { db, clock, jira, changes } = c.get('deps')
  const { deliveryId } = c.req.valid('param')
  // The app's body limit has already refused anything over 1 MB (413) before this reads it.
  const body = new Uint8Array(await c.req.arrayBuffer())
  const headers = DeliveryHeadersSchema.parse({
    signature: c.req.header('X-Hub-Signature'),
    identifier: c.req.header('X-Atlassian-Webhook-Identifier'),
  })
  const answer = await receiveDelivery(
    { db, clock, log: c.get('log'), jira, changes },
    { deliveryToken: deliveryId, body, ...headers },
  )
  return answer.status === 202 ? c.json(answer.body, 202) : c.json(answer.body, 200)
}
