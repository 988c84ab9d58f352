// Handler for the health check.
import type { RouteHandler } from '@hono/zod-openapi'
import { sql } from 'kysely'
import type { AppEnv } from '../app-env.js'
import type * as routes from './health.routes.js'

export const health: RouteHandler<typeof routes.health, AppEnv> = async (c) => {
  try {
    await sql`select 1`.execute(c.get('deps').db)
    return c.json({ status: 'ok' as const }, 200)
  } catch (error) {
    c.get('log').error('health check failed', { error })
    return c.json({ status: 'unavailable' as const }, 503)
  }
}
