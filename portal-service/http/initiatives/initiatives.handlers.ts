// Handlers for initiatives.
import type { RouteHandler, z } from '@hono/zod-openapi'
import type { TypedResponse } from 'hono'
import { initiativeProgress } from '../../epics/epic-view.js'
import * as epicsService from '../../epics/epics.service.js'
import * as initiativeService from '../../initiatives/initiative.service.js'
import { authorizePortfolio } from '../../policy/authorize.js'
import type { AuthedEnv } from '../app-env.js'
import { initiativeListCache } from './initiative-list-cache.js'
import type * as routes from './initiatives.routes.js'

export const listInitiatives: RouteHandler<typeof routes.listInitiatives, AuthedEnv> = async (
  c,
) => {
  const { db } = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'viewPortfolio')
  // Served from the serialized answer while its initiatives and roll-ups are unchanged.
  const body = await initiativeListCache(db).body(db, portfolioId, async () => {
    const [initiatives, progress] = await Promise.all([
      initiativeService.listInitiatives(db, portfolioId),
      epicsService.portfolioProgress(db, portfolioId),
    ])
    const none = initiativeProgress([])
    return { initiatives: initiatives.map((i) => ({ ...i, progress: progress.get(i.id) ?? none })) }
  })
  // The bytes are the documented JSON, serialized once; the route's type cannot see through that.
  const response = c.body(body, 200, { 'Content-Type': 'application/json' })
  return response as unknown as TypedResponse<z.output<typeof routes.InitiativeListSchema>, 200, 'json'>
}

export const createInitiative: RouteHandler<typeof routes.createInitiative, AuthedEnv> = async (
  c,
) => {
  const { db, clock } = c.get('deps')
  const { portfolioId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'editInitiatives')
  const initiative = await initiativeService.createInitiative(
    db,
    clock,
    c.get('actor'),
    portfolioId,
    c.req.valid('json'),
  )
  return c.json(initiative, 201)
}

export const getInitiative: RouteHandler<typeof routes.getInitiative, AuthedEnv> = async (c) => {
  const { db } = c.get('deps')
  const { portfolioId, initiativeId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'viewPortfolio')
  const initiative = await initiativeService.getInitiative(db, portfolioId, initiativeId)
  return c.json({ ...initiative, ...(await epicsService.initiativeEpics(db, portfolioId, initiativeId)) }, 200)
}

export const updateInitiative: RouteHandler<typeof routes.updateInitiative, AuthedEnv> = async (
  c,
) => {
  const { db, clock } = c.get('deps')
  const { portfolioId, initiativeId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'editInitiatives')
  const initiative = await initiativeService.updateInitiative(
    db,
    clock,
    c.get('actor'),
    portfolioId,
    initiativeId,
    c.req.valid('json'),
  )
  return c.json(initiative, 200)
}

export const deleteInitiative: RouteHandler<typeof routes.deleteInitiative, AuthedEnv> = async (
  c,
) => {
  const { db, clock } = c.get('deps')
  const { portfolioId, initiativeId } = c.req.valid('param')
  await authorizePortfolio(db, c.get('actor'), portfolioId, 'editInitiatives')
  await initiativeService.deleteInitiative(db, clock, c.get('actor'), portfolioId, initiativeId)
  return c.body(null, 204)
}
