// Handlers of the Jira integration: each asks the policy, then the integration's services.
import type { RouteHandler } from '@hono/zod-openapi'
import * as forgeService from '../../jira/forge-connection.service.js'
import * as connectionService from '../../jira/jira-connection.service.js'
import * as projectService from '../../jira/linked-projects.service.js'
import { authorizePortfolio } from '../../policy/authorize.js'
import * as syncStatus from '../../sync/sync-status.js'
import { eventFreshnessOf } from '../../webhooks/webhook.service.js'
import type { AuthedEnv } from '../app-env.js'
import { integrationDeps } from '../integration-context.js'
import { publicOrigin } from '../public-origin.js'
import type * as routes from './jira.routes.js'
import { isForgeEdit } from './jira.schemas.js'

export const verifyJira: RouteHandler<typeof routes.verifyJira, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'configureJira')
  const body = c.req.valid('json')
  const result =
    body.mode === 'forge'
      ? await forgeService.verifyForgeConnection(deps, portfolioId, body)
      : await connectionService.verifyConnection(deps, portfolioId, body)
  return c.json(result, 200)
}

export const configureJira: RouteHandler<typeof routes.configureJira, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'configureJira')
  const body = c.req.valid('json')
  const result =
    body.mode === 'forge'
      ? await forgeService.configureForgeConnection(deps, c.get('actor'), portfolioId, { ...body, eventsOrigin: publicOrigin(c) })
      : await connectionService.configureConnection(deps, c.get('actor'), portfolioId, body)
  return c.json(result, 201)
}

export const getJira: RouteHandler<typeof routes.getJira, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'viewPortfolio')
  const view = await connectionService.getConnectionView(deps.db, portfolioId)
  // Whether Jira events are flowing, beside the health (DESIGN.md, "Freshness: events are hints").
  return c.json({ ...view, events: await eventFreshnessOf(deps.db, portfolioId, deps.clock.now()) }, 200)
}

export const editJira: RouteHandler<typeof routes.editJira, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'configureJira')
  const body = c.req.valid('json')
  const result = isForgeEdit(body)
    ? await forgeService.editForgeConnection(deps, c.get('actor'), portfolioId, { ...body, eventsOrigin: publicOrigin(c) })
    : await connectionService.editConnection(deps, c.get('actor'), portfolioId, body)
  return c.json(result, 200)
}

export const previewDeleteJira: RouteHandler<typeof routes.previewDeleteJira, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'configureJira')
  return c.json(await connectionService.previewDelete(deps.db, portfolioId), 200)
}

export const deleteJira: RouteHandler<typeof routes.deleteJira, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'configureJira')
  return c.json(await connectionService.deleteConnection(deps, c.get('actor'), portfolioId), 200)
}

export const availableProjects: RouteHandler<typeof routes.availableProjects, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'linkProjects')
  return c.json(await projectService.availableProjects(deps, portfolioId, c.req.valid('query')), 200)
}

export const linkProjects: RouteHandler<typeof routes.linkProjects, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'linkProjects')
  const { projectKeys } = c.req.valid('json')
  return c.json(await projectService.linkProjects(deps, c.get('actor'), portfolioId, projectKeys), 200)
}

export const previewUnlinkProject: RouteHandler<typeof routes.previewUnlinkProject, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId, projectKey } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'linkProjects')
  return c.json(await projectService.previewUnlinkProject(deps, portfolioId, projectKey), 200)
}

export const unlinkProject: RouteHandler<typeof routes.unlinkProject, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId, projectKey } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'linkProjects')
  return c.json(await projectService.unlinkProject(deps, c.get('actor'), portfolioId, projectKey), 200)
}

export const startSync: RouteHandler<typeof routes.startSync, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'linkEpics')
  await connectionService.requireConnection(deps.db, portfolioId)
  const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
  deps.sync.requestSync(portfolioId, { trigger: 'manual', mode: body?.full ? 'full' : 'auto' })
  return c.json({ status: 'started' as const }, 202)
}

export const getSync: RouteHandler<typeof routes.getSync, AuthedEnv> = async (c) => {
  const deps = integrationDeps(c)
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(deps.db, c.get('actor'), portfolioId, 'viewPortfolio')
  return c.json(await syncStatus.syncStatus(deps, portfolioId), 200)
}
