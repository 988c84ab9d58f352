// Route groups: OpenAPI-documented routers that shape validation failures like every other error.
import { OpenAPIHono, createRoute, type Hook, type RouteConfig } from '@hono/zod-openapi'
import type { AppEnv } from './app-env.js'
import { ApiError, notFound, validationDetails } from './errors.js'
import { requireUser } from './middleware/require-user.js'

// A path parameter that fails validation (e.g. an id that is not a UUID) names nothing that
// exists: 404, like an unknown id. Bodies and queries that fail are 400 `validation_failed`.
const defaultHook: Hook<unknown, AppEnv, string, void> = (result) => {
  if (result.success) return
  if (result.target === 'param') throw notFound()
  throw new ApiError(
    400,
    'validation_failed',
    'The request is invalid.',
    validationDetails(result.error, result.target),
  )
}

/** A router for one feature; mount it with `app.route('/', router)`. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook })
}

/** How a signed-in caller proves it, as the OpenAPI document names the schemes. */
export const SECURITY: Record<string, string[]>[] = [{ sessionCookie: [] }, { bearerToken: [] }]

/**
 * `createRoute` for operations that need a signed-in user: `requireUser` runs before the input
 * is validated (so anonymous callers get 401, whatever they sent), and the handler's context
 * has a non-null `c.var.user` and `c.var.actor` (type it with `AuthedEnv`).
 */
export function protectedRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path' | 'middleware' | 'security'> & { path: P },
>(
  config: R,
): R & { middleware: typeof requireUser; security: typeof SECURITY; getRoutingPath(): string } {
  return createRoute({ ...config, middleware: requireUser, security: SECURITY })
}
