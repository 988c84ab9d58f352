// Guards an operation: only signed-in callers (cookie session or access token) get past.
import { createMiddleware } from 'hono/factory'
import type { AuthedEnv } from '../app-env.js'
import { unauthenticated } from '../errors.js'

export const requireUser = createMiddleware<AuthedEnv>(async (c, next) => {
  if (!c.get('user') || !c.get('actor')) throw unauthenticated()
  await next()
})
