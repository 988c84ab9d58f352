// One log line per request: method, path, status and duration; never bodies, headers or query.
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.js'

export function accessLog() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now()
    await next()
    const status = c.res.status
    const fields = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('user')?.id ?? null,
    }
    if (status >= 500) c.get('log').warn('request', fields)
    else c.get('log').info('request', fields)
  })
}
