/**
 * @module
 * Configure and edit a portfolio's Jira connection in Forge mode (DESIGN.md, "Two ways to reach
 * Jira"): a Jira admin installed the app, picked the projects the portal may see, and gave the
 * manager the app's web trigger URL and secret. Each is checked with a signed `ping` before
 * anything is saved; the secret is stored sealed like a token and never returned. The Jira site
 * is the one the app says it is installed on, so changing it is a delete plus a new configuration.
 */
import type { PingData } from '../../shared/contract/operations.js'
import type { JiraAccount } from '../../shared/jira/records.js'
import { subscribeForgeEvents } from '../forge-events/forge-event-subscription.js'
import { ApiError } from '../http/errors.js'
import type { Actor } from '../policy/actor.js'
import { credentialContext } from './connection-source.js'
import { projectKeysToLink, projectsToLink, replaceableConnection, saveConfiguration, saveEditedConnection, type ConfigureResult } from './connection-replacement.js'
import { getConnectionView, requireConnection } from './connection-view.js'
import { createForgeSource, type ForgeSource } from './forge-source.js'
import type { IntegrationDeps } from './integration-deps.js'
import { throwJiraFailure } from './jira-api-error.js'
import * as connectionRepository from './jira-connection.repository.js'
import type { VerifyResult } from './jira-connection.service.js'
import * as projectRepository from './linked-project.repository.js'
import { normalizeSiteOrThrow } from './verify-credentials.js'
import { normalizeWebTriggerUrl } from './web-trigger-url.js'

export interface ForgeCredentialsInput {
  webTriggerUrl: string
  secret: string
}

interface PingedApp {
  webTriggerUrl: string
  secret: string
  source: ForgeSource
  ping: PingData
  /** The Jira site the app is installed on, normalized like a typed site URL. */
  siteUrl: string
  account: JiraAccount
}

/** Asks the app who and where it is, with a signed ping: a wrong URL or secret fails here. */
async function pingApp(deps: IntegrationDeps, input: ForgeCredentialsInput): Promise<PingedApp> {
  const webTriggerUrl = normalizeWebTriggerUrl(input.webTriggerUrl, deps.jira.allowInsecure)
  const secret = input.secret.trim()
  // A person is waiting on a form: one quick retry at most.
  const source = createForgeSource({ webTriggerUrl, secret }, deps.jira.transport, { retry: { maxRetries: 1, baseDelayMs: 500 } })
  const [ping, account] = await Promise.all([source.ping(), source.account()]).catch((error) => throwJiraFailure(error, 'setup', webTriggerUrl))
  if (!ping.siteUrl) {
    throw new ApiError(422, 'forge_site_unknown', 'The Forge app could not tell which Jira site it is installed on. Try again, or check the app in Jira.')
  }
  return { webTriggerUrl, secret, source, ping, siteUrl: normalizeSiteOrThrow(ping.siteUrl, deps.jira.allowInsecure), account }
}

export type ForgeVerifyResult = VerifyResult & { webTriggerUrl: string; cloudId: string | null }

/** The wizard's second step in Forge mode: pings the app and lists the first allowed projects. Saves nothing. */
export async function verifyForgeConnection(
  deps: IntegrationDeps,
  portfolioId: string,
  input: ForgeCredentialsInput & { query?: string | undefined; startAt?: number | undefined },
): Promise<ForgeVerifyResult> {
  const app = await pingApp(deps, input)
  const page = await app.source
    .searchProjects({ query: input.query, startAt: input.startAt, maxResults: 50 })
    .catch((error) => throwJiraFailure(error, 'setup', app.webTriggerUrl))
  const connection = await connectionRepository.findConnection(deps.db, portfolioId)
  const linked = connection?.siteUrl === app.siteUrl
    ? new Set((await projectRepository.listLinkedProjects(deps.db, portfolioId)).map((p) => p.jiraProjectId))
    : new Set<string>()
  return {
    mode: 'forge',
    siteUrl: app.siteUrl,
    authRoute: 'site',
    account: app.account,
    projects: page.projects.map((p) => ({ id: p.id, key: p.key, name: p.name, avatarUrl: p.avatarUrl, linked: linked.has(p.id) })),
    startAt: page.startAt,
    total: page.total,
    isLast: page.isLast,
    webTriggerUrl: app.webTriggerUrl,
    cloudId: app.ping.cloudId,
  }
}

export interface ForgeConfigureInput extends ForgeCredentialsInput {
  projectKeys: string[]
  confirmSiteChange?: boolean | undefined
  /** The portal's public origin: once saved, the app is asked to forward Jira events there. */
  eventsOrigin?: string | undefined
}

/**
 * Subscribes the saved connection to the app's events. A failure (an app too old to forward
 * them, an app that cannot reach this portal) leaves the connection working on the schedule, so
 * it is logged, not thrown; the Integrations tab offers to try again.
 */
async function subscribeEvents(deps: IntegrationDeps, actor: Actor, portfolioId: string, origin: string | undefined): Promise<void> {
  if (!origin) return
  try {
    await subscribeForgeEvents(deps, actor, portfolioId, origin)
  } catch (error) {
    deps.log.warn('the Forge app did not subscribe to Jira events; figures come from the schedule', { portfolioId, error })
  }
}

/** The wizard's Save in Forge mode: a new connection with its first linked projects, all on the allow-list. */
export async function configureForgeConnection(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  input: ForgeConfigureInput,
): Promise<ConfigureResult> {
  const keys = projectKeysToLink(input.projectKeys)
  const app = await pingApp(deps, input)
  const existing = await replaceableConnection(deps.db, portfolioId, app.siteUrl, input.confirmSiteChange)
  const projects = await projectsToLink(
    app.source,
    keys,
    app.webTriggerUrl,
    (list) => `These Jira projects are not on the Forge app's allow-list (or do not exist): ${list}. A Jira admin can add them on the app's admin page.`,
  )
  const saved = await saveConfiguration(deps, actor, portfolioId, {
    existing,
    fields: {
      mode: 'forge',
      siteUrl: app.siteUrl,
      accountEmail: null,
      accountId: app.account.accountId,
      accountName: app.account.displayName,
      authRoute: 'site',
      cloudId: app.ping.cloudId,
      webTriggerUrl: app.webTriggerUrl,
    },
    credential: app.secret,
    projects,
    audit: { mode: 'forge', siteUrl: app.siteUrl, webTriggerUrl: app.webTriggerUrl, linkedProjects: keys },
  })
  await subscribeEvents(deps, actor, portfolioId, input.eventsOrigin)
  return saved
}

export interface ForgeEditInput {
  webTriggerUrl?: string | undefined
  secret?: string | undefined
  confirmSiteChange?: boolean | undefined
  /** As for configuring: a new secret or trigger is subscribed again under it. */
  eventsOrigin?: string | undefined
}

/**
 * Edit Configuration in Forge mode: paste a rotated secret, or a new web trigger URL (a
 * reinstalled app), checked with a ping first. An API-token connection moves to the Forge app
 * with both; on the same site the links stay, on another site it is a confirmed replacement.
 */
export async function editForgeConnection(deps: IntegrationDeps, actor: Actor, portfolioId: string, input: ForgeEditInput): Promise<ConfigureResult> {
  const current = await requireConnection(deps.db, portfolioId)
  if (input.webTriggerUrl === undefined && input.secret === undefined) {
    throw new ApiError(400, 'validation_failed', 'Send a new secret, a new web trigger URL, or both.')
  }
  const fromForge = current.mode === 'forge'
  const webTriggerUrl = input.webTriggerUrl ?? (fromForge ? current.webTriggerUrl : null)
  const secret = input.secret ?? (fromForge ? deps.jira.box.open(current.credentialSealed, credentialContext(portfolioId)) : null)
  if (!webTriggerUrl || !secret) {
    throw new ApiError(422, 'credentials_required', 'Reading Jira through the Forge app needs its web trigger URL and its secret.')
  }
  const app = await pingApp(deps, { webTriggerUrl, secret })
  if (app.siteUrl !== current.siteUrl) {
    return configureForgeConnection(deps, actor, portfolioId, { webTriggerUrl, secret, projectKeys: [], confirmSiteChange: input.confirmSiteChange, eventsOrigin: input.eventsOrigin })
  }
  await saveEditedConnection(deps, actor, portfolioId, {
    fields: {
      mode: 'forge',
      webTriggerUrl: app.webTriggerUrl,
      accountEmail: null,
      accountId: app.account.accountId,
      accountName: app.account.displayName,
      authRoute: 'site',
      cloudId: app.ping.cloudId,
    },
    credential: app.secret,
    audit: {
      secretRotated: input.secret !== undefined,
      ...(fromForge ? {} : { mode: { from: current.mode, to: 'forge' } }),
      ...(app.webTriggerUrl !== current.webTriggerUrl ? { webTriggerUrl: { from: current.webTriggerUrl, to: app.webTriggerUrl } } : {}),
    },
  })
  // The app may sign with another secret now: its deliveries must be found under the new key id.
  await subscribeEvents(deps, actor, portfolioId, input.eventsOrigin)
  // Another allow-list may show other projects: read everything again.
  deps.sync.requestSync(portfolioId, { trigger: 'configure', mode: 'full' })
  return { ...(await getConnectionView(deps.db, portfolioId)), unlinkedProjects: [], unlinkedEpics: [] }
}
