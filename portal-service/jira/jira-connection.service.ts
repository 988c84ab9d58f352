/**
 * @module
 * Configure, edit and delete a portfolio's Jira connection (the seed's procedures, API-token
 * mode; forge-connection.service.ts has Forge mode). Credentials are checked against Jira before anything is saved, stored sealed, and
 * never returned. Changing the site is a delete plus a new configuration, confirmed first.
 */
import * as auditRepository from '../audit/audit.repository.js'
import { ApiError } from '../http/errors.js'
import type { Actor } from '../policy/actor.js'
import { createApiTokenSource } from './api-token-source.js'
import { credentialContext } from './connection-source.js'
import {
  projectKeysToLink,
  projectsToLink,
  removeConnection,
  replaceableConnection,
  saveConfiguration,
  saveEditedConnection,
  type ConfigureResult,
} from './connection-replacement.js'
import { getConnectionView, requireConnection, type CascadeResult } from './connection-view.js'
import type { IntegrationDeps } from './integration-deps.js'
import { throwJiraFailure } from './jira-api-error.js'
import * as connectionRepository from './jira-connection.repository.js'
import * as projectRepository from './linked-project.repository.js'
import { normalizeSiteOrThrow, verifyCredentials, type CredentialsInput, type VerifiedCredentials } from './verify-credentials.js'

// The view and the save steps live beside this file; their users keep importing them from here.
export * from './connection-view.js'
export { previewDelete, type ConfigureResult } from './connection-replacement.js'

export interface VerifyResult {
  mode: 'api_token' | 'forge'
  siteUrl: string
  authRoute: 'site' | 'gateway'
  account: VerifiedCredentials['account']
  projects: { id: string; key: string; name: string; avatarUrl: string | null; linked: boolean }[]
  startAt: number
  total: number | null
  isLast: boolean
}

/** The wizard's second step: checks the credentials and lists the first projects they see. Saves nothing. */
export async function verifyConnection(
  deps: IntegrationDeps,
  portfolioId: string,
  input: CredentialsInput & { query?: string | undefined; startAt?: number | undefined },
): Promise<VerifyResult> {
  const verified = await verifyCredentials(input, deps.jira.transport, deps.jira)
  const source = createApiTokenSource(
    { ...verified, accountEmail: input.accountEmail.trim(), apiToken: input.apiToken.trim() },
    deps.jira.transport,
    { retry: { maxRetries: 1 } },
  )
  const page = await source.searchProjects({ query: input.query, startAt: input.startAt, maxResults: 50 }).catch((error) =>
    throwJiraFailure(error, 'setup', verified.siteUrl),
  )
  // Linked marks matter when the wizard is re-run to change the site of an existing connection.
  const connection = await connectionRepository.findConnection(deps.db, portfolioId)
  const linked = connection?.siteUrl === verified.siteUrl
    ? new Set((await projectRepository.listLinkedProjects(deps.db, portfolioId)).map((p) => p.jiraProjectId))
    : new Set<string>()
  return {
    mode: 'api_token',
    siteUrl: verified.siteUrl,
    authRoute: verified.authRoute,
    account: verified.account,
    projects: page.projects.map((p) => ({ id: p.id, key: p.key, name: p.name, avatarUrl: p.avatarUrl, linked: linked.has(p.id) })),
    startAt: page.startAt,
    total: page.total,
    isLast: page.isLast,
  }
}

export async function deleteConnection(deps: IntegrationDeps, actor: Actor, portfolioId: string): Promise<CascadeResult> {
  await requireConnection(deps.db, portfolioId)
  return deps.db.transaction().execute(async (trx) => {
    const result = await removeConnection(trx, portfolioId, deps.clock.now().toISOString())
    await auditRepository.recordAudit(trx, deps.clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'jira.deleted',
      targetType: 'jira_connection',
      targetId: portfolioId,
      details: { unlinkedProjects: result.unlinkedProjects.map((p) => p.key), unlinkedEpics: result.unlinkedEpics.map((e) => e.key) },
    })
    return result
  })
}

export interface ConfigureInput extends CredentialsInput {
  projectKeys: string[]
  /** Required to replace a connection to another site: everything linked is unlinked. */
  confirmSiteChange?: boolean | undefined
}

/** The wizard's Save: a new connection with its first linked projects (at most 20). */
export async function configureConnection(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  input: ConfigureInput,
): Promise<ConfigureResult> {
  const keys = projectKeysToLink(input.projectKeys)
  const siteUrl = normalizeSiteOrThrow(input.siteUrl, deps.jira.allowInsecure)
  const existing = await replaceableConnection(deps.db, portfolioId, siteUrl, input.confirmSiteChange)

  const verified = await verifyCredentials(input, deps.jira.transport, deps.jira)
  const token = input.apiToken.trim()
  const source = createApiTokenSource({ ...verified, accountEmail: input.accountEmail.trim(), apiToken: token }, deps.jira.transport)
  const projects = await projectsToLink(source, keys, siteUrl)
  return saveConfiguration(deps, actor, portfolioId, {
    existing,
    fields: {
      mode: 'api_token',
      siteUrl,
      accountEmail: input.accountEmail.trim(),
      accountId: verified.account.accountId,
      accountName: verified.account.displayName,
      authRoute: verified.authRoute,
      cloudId: verified.cloudId,
      webTriggerUrl: null,
    },
    credential: token,
    projects,
    audit: { siteUrl, accountEmail: input.accountEmail.trim(), linkedProjects: keys },
  })
}

export interface EditInput {
  siteUrl?: string | undefined
  accountEmail?: string | undefined
  apiToken?: string | undefined
  confirmSiteChange?: boolean | undefined
}

/**
 * Edit Configuration: rotate the token or change the account (checked against Jira first).
 * A new site is a delete plus a new configuration, so it needs the full credentials and
 * `confirmSiteChange`; the linked projects are then gone and must be linked again. A Forge
 * connection moves to an API token on the same site with both email and token, keeping its links.
 */
export async function editConnection(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  input: EditInput,
): Promise<ConfigureResult> {
  const current = await requireConnection(deps.db, portfolioId)
  const siteUrl = input.siteUrl === undefined ? current.siteUrl : normalizeSiteOrThrow(input.siteUrl, deps.jira.allowInsecure)
  if (siteUrl !== current.siteUrl) {
    if (!input.accountEmail || !input.apiToken) {
      throw new ApiError(422, 'credentials_required', 'A new Jira site needs the account email and an API token for it.')
    }
    return configureConnection(deps, actor, portfolioId, {
      siteUrl,
      accountEmail: input.accountEmail,
      apiToken: input.apiToken,
      projectKeys: [],
      confirmSiteChange: input.confirmSiteChange,
    })
  }
  if (current.mode !== 'api_token' && (!input.accountEmail || !input.apiToken)) {
    throw new ApiError(422, 'credentials_required', 'This connection goes through the Forge app: send a new secret with mode "forge", or an account email and an API token to read Jira with them instead.')
  }
  if (input.accountEmail === undefined && input.apiToken === undefined) {
    throw new ApiError(400, 'validation_failed', 'Send a new API token, a new account email, or both.')
  }
  const accountEmail = (input.accountEmail ?? current.accountEmail ?? '').trim()
  const token = input.apiToken?.trim() ?? deps.jira.box.open(current.credentialSealed, credentialContext(portfolioId))
  const verified = await verifyCredentials({ siteUrl, accountEmail, apiToken: token }, deps.jira.transport, deps.jira)
  await saveEditedConnection(deps, actor, portfolioId, {
    fields: {
      mode: 'api_token',
      webTriggerUrl: null,
      accountEmail,
      accountId: verified.account.accountId,
      accountName: verified.account.displayName,
      authRoute: verified.authRoute,
      cloudId: verified.cloudId,
    },
    credential: token,
    audit: {
      tokenRotated: input.apiToken !== undefined,
      ...(current.mode !== 'api_token' ? { mode: { from: current.mode, to: 'api_token' } } : {}),
      ...(accountEmail !== current.accountEmail ? { accountEmail: { from: current.accountEmail, to: accountEmail } } : {}),
    },
  })
  // A new token may see projects the old one did not (or the reverse): read everything again.
  deps.sync.requestSync(portfolioId, { trigger: 'configure', mode: 'full' })
  return { ...(await getConnectionView(deps.db, portfolioId)), unlinkedProjects: [], unlinkedEpics: [] }
}
