/**
 * @module
 * A Jira connection as the API shows it: mode, site, account, the hint of its credential (never
 * the credential), health, and the linked projects.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { ApiError } from '../http/errors.js'
import { healthMessage } from './health.js'
import { PROJECT_LIMIT } from './integration-deps.js'
import * as connectionRepository from './jira-connection.repository.js'
import type { JiraConnection } from './jira-connection.table.js'
import { projectUrl } from './jira-source.js'
import * as projectRepository from './linked-project.repository.js'
import type { LinkedProject } from './linked-project.table.js'
import type { UnlinkedEpic, UnlinkedProject } from './unlinked.js'

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
  /** All the API ever shows of the credential (the token, or the Forge secret): its last four characters. */
  tokenHint: string
  authRoute: 'site' | 'gateway'
  /** Forge mode: the app's web trigger the portal calls; null in API-token mode. */
  webTriggerUrl: string | null
  /** Forge mode: the last four characters of the shared secret; null in API-token mode. */
  secretHint: string | null
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

export function toView(connection: JiraConnection, projects: LinkedProject[]): ConnectionView {
  return {
    mode: connection.mode,
    siteUrl: connection.siteUrl,
    accountEmail: connection.accountEmail,
    accountName: connection.accountName,
    tokenHint: connection.credentialHint,
    authRoute: connection.authRoute,
    webTriggerUrl: connection.mode === 'forge' ? connection.webTriggerUrl : null,
    secretHint: connection.mode === 'forge' ? connection.credentialHint : null,
    health: {
      status: connection.health,
      message: healthMessage(connection.health, connection.mode, connection.healthMessage),
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
