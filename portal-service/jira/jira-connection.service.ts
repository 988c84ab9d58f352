/**
 * @module
 * Configure, edit and delete a portfolio's Jira connection (the seed's procedures, API-token
 * mode). Credentials are checked against Jira before anything is saved, stored sealed, and
 * never returned. Changing the site is a delete plus a new configuration, confirmed first.
 */
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Database } from '../db/database.js'
import { isUniqueViolation, lockForUpdate } from '../db/dialect.js'
import { newId } from '../db/ids.js'
import * as linkedEpicRepository from '../epics/linked-epic.repository.js'
import * as snapshotRepository from '../epics/epic-snapshot.repository.js'
import { ApiError } from '../http/errors.js'
import type { Actor } from '../policy/actor.js'
import { secretHint } from '../secrets/secret-box.js'
import { createApiTokenSource } from './api-token-source.js'
import { credentialContext } from './connection-source.js'
import { HEALTH_MESSAGES } from './health.js'
import { PROJECT_LIMIT, type IntegrationDeps } from './integration-deps.js'
import { throwJiraFailure } from './jira-api-error.js'
import * as connectionRepository from './jira-connection.repository.js'
import type { JiraConnection } from './jira-connection.table.js'
import { projectUrl } from './jira-source.js'
import * as projectRepository from './linked-project.repository.js'
import type { LinkedProject } from './linked-project.table.js'
import { describeEpics, describeProjects, type UnlinkedEpic, type UnlinkedProject } from './unlinked.js'
import { normalizeSiteOrThrow, verifyCredentials, type CredentialsInput, type VerifiedCredentials } from './verify-credentials.js'

export interface LinkedProjectView {
  id: string
  key: string
  name: string
  avatarUrl: string | null
  url: string
  /** `missing`: Jira no longer shows it to this account (deleted, archived or hidden). */
  state: 'ok' | 'missing'
  linkedAt: string
}

export interface ConnectionView {
  mode: 'api_token' | 'forge'
  siteUrl: string
  accountEmail: string | null
  accountName: string | null
  /** All the API ever shows of the token: its last four characters. */
  tokenHint: string
  authRoute: 'site' | 'gateway'
  health: { status: string; message: string; checkedAt: string | null }
  lastSyncAt: string | null
  lastFullSyncAt: string | null
  createdAt: string
  updatedAt: string
  projectLimit: number
  linkedProjects: LinkedProjectView[]
}

export interface CascadeResult {
  unlinkedProjects: UnlinkedProject[]
  unlinkedEpics: UnlinkedEpic[]
}

export function linkedProjectView(siteUrl: string, project: LinkedProject): LinkedProjectView {
  return {
    id: project.jiraProjectId,
    key: project.projectKey,
    name: project.name,
    avatarUrl: project.avatarUrl,
    url: projectUrl(siteUrl, project.projectKey),
    state: project.state,
    linkedAt: project.linkedAt,
  }
}

function toView(connection: JiraConnection, projects: LinkedProject[]): ConnectionView {
  return {
    mode: connection.mode,
    siteUrl: connection.siteUrl,
    accountEmail: connection.accountEmail,
    accountName: connection.accountName,
    tokenHint: connection.credentialHint,
    authRoute: connection.authRoute,
    health: {
      status: connection.health,
      message: connection.healthMessage ?? HEALTH_MESSAGES[connection.health],
      checkedAt: connection.healthCheckedAt,
    },
    lastSyncAt: connection.lastSyncAt,
    lastFullSyncAt: connection.lastFullSyncAt,
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
    projectLimit: PROJECT_LIMIT,
    linkedProjects: projects.map((p) => linkedProjectView(connection.siteUrl, p)),
  }
}

export const notConfigured = () =>
  new ApiError(404, 'jira_not_configured', 'This portfolio is not connected to Jira yet. A portfolio manager can configure it.')

export async function requireConnection(db: Kysely<Database>, portfolioId: string): Promise<JiraConnection> {
  const connection = await connectionRepository.findConnection(db, portfolioId)
  if (!connection) throw notConfigured()
  return connection
}

export async function getConnectionView(db: Kysely<Database>, portfolioId: string): Promise<ConnectionView> {
  const connection = await requireConnection(db, portfolioId)
  return toView(connection, await projectRepository.listLinkedProjects(db, portfolioId))
}

export interface VerifyResult {
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
  input: CredentialsInput & { query?: string | undefined },
): Promise<VerifyResult> {
  const verified = await verifyCredentials(input, deps.jira.transport, deps.jira)
  const source = createApiTokenSource(
    { ...verified, accountEmail: input.accountEmail.trim(), apiToken: input.apiToken.trim() },
    deps.jira.transport,
    { retry: { maxRetries: 1 } },
  )
  const page = await source.searchProjects({ query: input.query, maxResults: 50 }).catch((error) =>
    throwJiraFailure(error, 'setup', verified.siteUrl),
  )
  // Linked marks matter when the wizard is re-run to change the site of an existing connection.
  const connection = await connectionRepository.findConnection(deps.db, portfolioId)
  const linked = connection?.siteUrl === verified.siteUrl
    ? new Set((await projectRepository.listLinkedProjects(deps.db, portfolioId)).map((p) => p.jiraProjectId))
    : new Set<string>()
  return {
    siteUrl: verified.siteUrl,
    authRoute: verified.authRoute,
    account: verified.account,
    projects: page.projects.map((p) => ({ id: p.id, key: p.key, name: p.name, avatarUrl: p.avatarUrl, linked: linked.has(p.id) })),
    startAt: page.startAt,
    total: page.total,
    isLast: page.isLast,
  }
}

/** What deleting the connection would unlink, for the confirmation box. */
export async function previewDelete(db: Kysely<Database>, portfolioId: string): Promise<CascadeResult> {
  await requireConnection(db, portfolioId)
  return {
    unlinkedProjects: describeProjects(await projectRepository.listLinkedProjects(db, portfolioId)),
    unlinkedEpics: await describeEpics(db, portfolioId, await linkedEpicRepository.linkedEpicsWithInitiatives(db, portfolioId)),
  }
}

/** Removes the connection and, in the same transaction, every linked project and epic. */
async function removeConnection(trx: Kysely<Database>, portfolioId: string): Promise<CascadeResult> {
  await trx.selectFrom('jiraConnections').select('id').where('portfolioId', '=', portfolioId).$call(lockForUpdate(trx)).execute()
  const result = {
    unlinkedProjects: describeProjects(await projectRepository.listLinkedProjects(trx, portfolioId)),
    unlinkedEpics: await describeEpics(trx, portfolioId, await linkedEpicRepository.linkedEpicsWithInitiatives(trx, portfolioId)),
  }
  await trx.deleteFrom('linkedEpics').where('portfolioId', '=', portfolioId).execute()
  await trx.deleteFrom('linkedProjects').where('portfolioId', '=', portfolioId).execute()
  await snapshotRepository.dropUntrackedEpics(trx, portfolioId)
  await connectionRepository.deleteConnection(trx, portfolioId)
  return result
}

export async function deleteConnection(deps: IntegrationDeps, actor: Actor, portfolioId: string): Promise<CascadeResult> {
  await requireConnection(deps.db, portfolioId)
  return deps.db.transaction().execute(async (trx) => {
    const result = await removeConnection(trx, portfolioId)
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

function siteChangeRefused(siteUrl: string, preview: CascadeResult): ApiError {
  return new ApiError(
    409,
    'site_change_requires_confirmation',
    `Changing the Jira site to ${siteUrl} deletes the current configuration: ${preview.unlinkedProjects.length} linked project(s) and ${preview.unlinkedEpics.length} linked epic(s) will be unlinked. Send confirmSiteChange: true to go ahead.`,
    preview,
  )
}

/** The wizard's Save: a new connection with its first linked projects (at most 20). */
export async function configureConnection(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  input: ConfigureInput,
): Promise<ConnectionView & { unlinkedProjects: UnlinkedProject[]; unlinkedEpics: UnlinkedEpic[] }> {
  const keys = [...new Set(input.projectKeys.map((k) => k.trim().toUpperCase()))]
  if (keys.length > PROJECT_LIMIT) {
    throw new ApiError(409, 'project_limit_reached', `A portfolio can link at most ${PROJECT_LIMIT} Jira projects.`, {
      limit: PROJECT_LIMIT,
      requested: keys.length,
    })
  }
  const siteUrl = normalizeSiteOrThrow(input.siteUrl, deps.jira.allowInsecure)
  const existing = await connectionRepository.findConnection(deps.db, portfolioId)
  if (existing && existing.siteUrl === siteUrl) {
    throw new ApiError(409, 'jira_already_configured', 'This portfolio is already connected to that Jira site. Use Edit Configuration to change it.')
  }
  if (existing && !input.confirmSiteChange) throw siteChangeRefused(siteUrl, await previewDelete(deps.db, portfolioId))

  const verified = await verifyCredentials(input, deps.jira.transport, deps.jira)
  const token = input.apiToken.trim()
  const source = createApiTokenSource({ ...verified, accountEmail: input.accountEmail.trim(), apiToken: token }, deps.jira.transport)
  const projects = keys.length === 0 ? [] : await source.projectsByKeys(keys).catch((e) => throwJiraFailure(e, 'setup', siteUrl))
  const found = new Set(projects.map((p) => p.key))
  const unknown = keys.filter((k) => !found.has(k))
  if (unknown.length > 0) {
    throw new ApiError(422, 'unknown_projects', `This account cannot see these Jira projects: ${unknown.join(', ')}.`, { keys: unknown })
  }

  const now = deps.clock.now().toISOString()
  const connectionId = newId()
  const result = await deps.db
    .transaction()
    .execute(async (trx) => {
      const cascade = existing ? await removeConnection(trx, portfolioId) : { unlinkedProjects: [], unlinkedEpics: [] }
      await connectionRepository.insertConnection(trx, {
        id: connectionId,
        portfolioId,
        mode: 'api_token',
        siteUrl,
        accountEmail: input.accountEmail.trim(),
        accountId: verified.account.accountId,
        accountName: verified.account.displayName,
        authRoute: verified.authRoute,
        cloudId: verified.cloudId,
        webTriggerUrl: null,
        credentialSealed: deps.jira.box.seal(token, credentialContext(portfolioId)),
        credentialHint: secretHint(token),
        health: 'ok',
        healthMessage: HEALTH_MESSAGES.ok,
        healthCheckedAt: now,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
      })
      await projectRepository.insertLinkedProjects(
        trx,
        projects.map((p) => ({
          id: newId(),
          portfolioId,
          connectionId,
          jiraProjectId: p.id,
          projectKey: p.key,
          name: p.name,
          avatarUrl: p.avatarUrl,
          style: p.style,
          linkedAt: now,
          linkedBy: actor.userId,
        })),
      )
      await auditRepository.recordAudit(trx, deps.clock, {
        actorId: actor.userId,
        portfolioId,
        action: existing ? 'jira.site_changed' : 'jira.configured',
        targetType: 'jira_connection',
        targetId: portfolioId,
        details: {
          siteUrl,
          accountEmail: input.accountEmail.trim(),
          linkedProjects: keys,
          ...(existing ? { previousSiteUrl: existing.siteUrl, unlinkedEpics: cascade.unlinkedEpics.map((e) => e.key) } : {}),
        },
      })
      return cascade
    })
    .catch((error) => {
      if (isUniqueViolation(error)) {
        throw new ApiError(409, 'jira_already_configured', 'This portfolio was connected to Jira a moment ago. Reload to see it.')
      }
      throw error
    })
  deps.sync.requestSync(portfolioId, { trigger: 'configure', mode: 'full' })
  return { ...(await getConnectionView(deps.db, portfolioId)), ...result }
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
 * `confirmSiteChange`; the linked projects are then gone and must be linked again.
 */
export async function editConnection(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  input: EditInput,
): Promise<ConnectionView & { unlinkedProjects: UnlinkedProject[]; unlinkedEpics: UnlinkedEpic[] }> {
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
  if (current.mode !== 'api_token') {
    throw new ApiError(409, 'wrong_mode', 'This connection goes through the Forge app; its secret is rotated in the app.')
  }
  if (input.accountEmail === undefined && input.apiToken === undefined) {
    throw new ApiError(400, 'validation_failed', 'Send a new API token, a new account email, or both.')
  }
  const accountEmail = (input.accountEmail ?? current.accountEmail ?? '').trim()
  const token = input.apiToken?.trim() ?? deps.jira.box.open(current.credentialSealed, credentialContext(portfolioId))
  const verified = await verifyCredentials({ siteUrl, accountEmail, apiToken: token }, deps.jira.transport, deps.jira)
  const now = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await connectionRepository.updateConnection(trx, portfolioId, {
      accountEmail,
      accountId: verified.account.accountId,
      accountName: verified.account.displayName,
      authRoute: verified.authRoute,
      cloudId: verified.cloudId,
      credentialSealed: deps.jira.box.seal(token, credentialContext(portfolioId)),
      credentialHint: secretHint(token),
      health: 'ok',
      healthMessage: HEALTH_MESSAGES.ok,
      healthCheckedAt: now,
      updatedAt: now,
    })
    await auditRepository.recordAudit(trx, deps.clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'jira.edited',
      targetType: 'jira_connection',
      targetId: portfolioId,
      details: {
        tokenRotated: input.apiToken !== undefined,
        ...(accountEmail !== current.accountEmail ? { accountEmail: { from: current.accountEmail, to: accountEmail } } : {}),
      },
    })
  })
  // A new token may see projects the old one did not (or the reverse): read everything again.
  deps.sync.requestSync(portfolioId, { trigger: 'configure', mode: 'full' })
  return { ...(await getConnectionView(deps.db, portfolioId)), unlinkedProjects: [], unlinkedEpics: [] }
}
