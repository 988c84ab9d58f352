// Puts the app's dependencies, a request-scoped logger and the client's address on the context.
import { createMiddleware } from 'hono/factory'
import type { AppDeps, AppEnv } from '../app-env.js'

/** Runs after `requestId()`, so every log line of the request carries its id. */
export function requestContext(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('deps', deps)
    c.set('log', deps.log.child({ requestId: c.get('requestId') }))
    c.set(
      'clientIp',
      clientIp(
        c.req.header('X-Forwarded-For'),
        c.env?.incoming?.socket?.remoteAddress,
        deps.config.trustProxy,
      ),
    )
    c.set('user', null)
    c.set('actor', null)
    c.set('credential', null)
    await next()
  })
}

/**
 * The socket's address, or behind a trusted reverse proxy the address it saw (the last entry of
 * X-Forwarded-For: earlier entries are whatever the client claimed).
 */
export function clientIp(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy && forwardedFor) {
    const last = forwardedFor.split(',').at(-1)?.trim()
    if (last) return last
  }
  return socketAddress ?? 'unknown'
}
