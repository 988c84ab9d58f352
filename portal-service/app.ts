// The portal's HTTP app: every middleware and route group, composed in one visible place.
import type { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import type { AppDeps, AppEnv } from './http/app-env.js'
import { createAuditRouter } from './http/audit/audit.index.js'
import { createCompaniesRouter } from './http/companies/companies.index.js'
import { createDocsRouter } from './http/docs/docs.index.js'
import { createEpicsRouter } from './http/epics/epics.index.js'
import { createForgeEventsRouter } from './http/forge-events/forge-events.index.js'
import { ApiError, createErrorHandler, handleNotFound } from './http/errors.js'
import { createHealthRouter } from './http/health/health.index.js'
import { createHistoryRouter } from './http/history/history.index.js'
import { createInitiativesRouter } from './http/initiatives/initiatives.index.js'
import { createJiraRouter } from './http/jira/jira.index.js'
import { createMembersRouter } from './http/members/members.index.js'
import { createPagesRouter, withErrorPages, withNotFoundPage } from './pages/pages.index.js'
import { accessLog } from './http/middleware/access-log.js'
import { authenticate } from './http/middleware/authenticate.js'
import { csrfProtection } from './http/middleware/csrf-protection.js'
import { requestContext } from './http/middleware/request-context.js'
import { createPortfoliosRouter } from './http/portfolios/portfolios.index.js'
import { createRouter } from './http/router.js'
import { createSessionRouter } from './http/session/session.index.js'
import { createTokensRouter } from './http/tokens/tokens.index.js'
import { createUsersRouter } from './http/users/users.index.js'
import { createWebhooksRouter } from './http/webhooks/webhooks.index.js'

export type { AppDeps, AppEnv } from './http/app-env.js'

/** Request bodies above this are refused before they are read (413 `body_too_large`). */
export const MAX_BODY_BYTES = 1024 * 1024

/** Every feature's routes. A new feature adds its `create…Router` here. */
const FEATURE_ROUTERS = [
  createHealthRouter,
  createSessionRouter,
  createTokensRouter,
  createCompaniesRouter,
  createUsersRouter,
  createPortfoliosRouter,
  createMembersRouter,
  createInitiativesRouter,
  createJiraRouter,
  createWebhooksRouter,
  createForgeEventsRouter,
  createEpicsRouter,
  createHistoryRouter,
  createAuditRouter,
  // The web pages: the same services and policy as the API, rendered as HTML.
  createPagesRouter,
]

/**
 * Builds the app around its dependencies; nothing is read from globals, so tests can build one
 * per database. Serve it with `@hono/node-server`, or call `app.request()` in tests.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createRouter()

  app.use(requestId())
  app.use(requestContext(deps))
  app.use(accessLog())
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        styleSrc: ["'self'", NONCE],
        // Jira project icons come through the portal's own avatar proxy (pages/avatar.routes.ts),
        // so no Jira site needs to be allowed here.
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      // Not `no-referrer`: under it browsers send `Origin: null` with the pages' form posts, which the
      // CSRF check rightly refuses. `same-origin` still tells other sites (Jira links) nothing.
      referrerPolicy: 'same-origin',
      // A handler may set a stricter header of its own (the avatar proxy sandboxes the images it
      // relays); it is kept rather than replaced by the defaults above.
      overwrite: false,
      // HSTS only makes sense (and only sticks) when the portal is served over https.
      strictTransportSecurity: deps.config.secureCookies
        ? 'max-age=31536000; includeSubDomains'
        : false,
    }),
  )
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          'body_too_large',
          `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
        )
      },
    }),
  )
  // Everywhere, not only under /api: server-rendered pages need the user and CSRF checks too.
  app.use(authenticate())
  app.use(csrfProtection({ tokenExempt: ['POST /api/session'] }))

  for (const createFeatureRouter of FEATURE_ROUTERS) app.route('/', createFeatureRouter())
  app.route('/', createDocsRouter(app))

  // Browsers get readable pages for the same errors (pages/error-pages.tsx); /api gets JSON.
  app.onError(withErrorPages(createErrorHandler(deps.log)))
  app.notFound(withNotFoundPage(handleNotFound))
  return app
}
