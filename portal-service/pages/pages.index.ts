// The portal's web pages in one router: app.ts adds it beside the API's routers.
import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { addAssetRoutes } from './assets.js'
import { createAvatarRoutes } from './avatar.routes.js'
import { createInitiativePages } from './initiative.routes.js'
import { createIntegrationPages } from './integrations.routes.js'
import { createForgeSetupPages } from './jira-forge-setup.routes.js'
import { createJiraSetupPages } from './jira-setup.routes.js'
import { createPortfolioPages } from './portfolio.routes.js'
import { createSessionPages } from './session.routes.js'
import { createSettingsPages } from './settings.routes.js'
import { createWebhookPages } from './webhook.routes.js'

export { withErrorPages, withNotFoundPage } from './error-pages.js'

export function createPagesRouter(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()
  addAssetRoutes(router)
  for (const pages of [createSessionPages, createPortfolioPages, createInitiativePages, createSettingsPages, createIntegrationPages, createJiraSetupPages, createForgeSetupPages, createWebhookPages, createAvatarRoutes]) {
    router.route('/', pages())
  }
  return router
}
