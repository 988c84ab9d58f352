/**
 * @module
 * Saving a new connection in either mode, editing one in place, and taking one away: at most 20 projects, the same
 * site refused (Edit Configuration changes it), another site only when confirmed, and the old
 * connection's links removed in the same transaction as the new one is written (DESIGN.md,
 * "Cascades").
 */
import type { Kysely } from 'kysely'
import type { JiraProject } from '../../shared/jira/records.js'
import * as auditRepository from '../audit/audit.repository.js'
import type { Database } from '../db/database.js'
import { isUniqueViolation, lockForUpdate } from '../db/dialect.js'
import { newId } from '../db/ids.js'
import * as linkedEpicRepository from '../epics/linked-epic.repository.js'
import * as snapshotRepository from '../epics/epic-snapshot.repository.js'
import * as historyRecorder from '../history/history-recorder.js'
import { ApiError } from '../http/errors.js'
import { plural } from '../plural.js'
import type { Actor } from '../policy/actor.js'
import { secretHint } from '../secrets/secret-box.js'
import { credentialContext } from './connection-source.js'
import { getConnectionView, requireConnection, type CascadeResult, type ConnectionView } from './connection-view.js'
import { HEALTH_MESSAGES } from './health.js'
import { PROJECT_LIMIT, type IntegrationDeps } from './integration-deps.js'
import { throwJiraFailure } from './jira-api-error.js'
import * as connectionRepository from './jira-connection.repository.js'
import type { JiraConnection, NewJiraConnection } from './jira-connection.table.js'
import type { JiraSource } from './jira-source.js'
import * as projectRepository from './linked-project.repository.js'
import { describeEpics, describeProjects, type UnlinkedEpic, type UnlinkedProject } from './unlinked.js'

/** What deleting the connection would unlink, for the confirmation box. */
export async function previewDelete(db: Kysely<Database>, portfolioId: string): Promise<CascadeResult> {
  await requireConnection(db, portfolioId)
  return {
    unlinkedProjects: describeProjects(await projectRepository.listLinkedProjects(db, portfolioId)),
    unlinkedEpics: await describeEpics(db, portfolioId, await linkedEpicRepository.linkedEpicsWithInitiatives(db, portfolioId)),
  }
}

/** Removes the connection and, in the same transaction, every linked project and epic (their link intervals close at `at`). */
export async function removeConnection(trx: Kysely<Database>, portfolioId: string, at: string): Promise<CascadeResult> {
  await trx.selectFrom('jiraConnections').select('id').where('portfolioId', '=', portfolioId).$call(lockForUpdate(trx)).execute()
  const links = await linkedEpicRepository.linkedEpicsWithInitiatives(trx, portfolioId)
  const result = {
    unlinkedProjects: describeProjects(await projectRepository.listLinkedProjects(trx, portfolioId)),
    unlinkedEpics: await describeEpics(trx, portfolioId, links),
  }
  await historyRecorder.recordUnlinking(trx, portfolioId, links, at)
  await trx.deleteFrom('linkedEpics').where('portfolioId', '=', portfolioId).execute()
  await trx.deleteFrom('linkedProjects').where('portfolioId', '=', portfolioId).execute()
  await snapshotRepository.dropUntrackedEpics(trx, portfolioId)
  await historyRecorder.recordUnlinked(trx, portfolioId, links.map((l) => l.initiativeId), at)
  await connectionRepository.deleteConnection(trx, portfolioId)
  return result
}

function siteChangeRefused(siteUrl: string, preview: CascadeResult): ApiError {
  return new ApiError(
    409,
    'site_change_requires_confirmation',
    `Changing the Jira site to ${siteUrl} deletes the current configuration: ${plural(preview.unlinkedProjects.length, 'linked project')} and ${plural(preview.unlinkedEpics.length, 'linked epic')} will be unlinked. Send confirmSiteChange: true to go ahead.`,
    preview,
  )
}

export type ConfigureResult = ConnectionView & { unlinkedProjects: UnlinkedProject[]; unlinkedEpics: UnlinkedEpic[] }

/** The project keys of a Save, distinct and upper-case; more than 20 are refused. */
export function projectKeysToLink(projectKeys: readonly string[]): string[] {
  const keys = [...new Set(projectKeys.map((k) => k.trim().toUpperCase()))]
  if (keys.length > PROJECT_LIMIT) {
    throw new ApiError(409, 'project_limit_reached', `A portfolio can link at most ${PROJECT_LIMIT} Jira projects.`, {
      limit: PROJECT_LIMIT,
      requested: keys.length,
    })
  }
  return keys
}

/**
 * Refuses a Save to the site the portfolio is already connected to, and a Save to another site
 * unless confirmed; returns the connection it will replace, if any.
 */
export async function replaceableConnection(
  db: Kysely<Database>,
  portfolioId: string,
  siteUrl: string,
  confirmSiteChange: boolean | undefined,
): Promise<JiraConnection | undefined> {
  const existing = await connectionRepository.findConnection(db, portfolioId)
  if (existing && existing.siteUrl === siteUrl) {
    throw new ApiError(409, 'jira_already_configured', 'This portfolio is already connected to that Jira site. Use Edit Configuration to change it.')
  }
  if (existing && !confirmSiteChange) throw siteChangeRefused(siteUrl, await previewDelete(db, portfolioId))
  return existing
}

/** The projects `keys` name: all of them, or a 422 `unknown_projects` saying which are not seen. */
export async function projectsToLink(
  source: Pick<JiraSource, 'projectsByKeys'>,
  keys: readonly string[],
  siteUrl: string,
  unseen: (keys: string) => string = (list) => `This account cannot see these Jira projects: ${list}.`,
): Promise<JiraProject[]> {
  const projects = keys.length === 0 ? [] : await source.projectsByKeys(keys).catch((e) => throwJiraFailure(e, 'setup', siteUrl))
  const found = new Set(projects.map((p) => p.key))
  const unknown = keys.filter((k) => !found.has(k))
  if (unknown.length > 0) throw new ApiError(422, 'unknown_projects', unseen(unknown.join(', ')), { keys: unknown })
  return projects
}

/** A new connection as either mode stores it; the service fills in ids, times and health. */
export type ConnectionFields = Pick<
  NewJiraConnection,
  'mode' | 'siteUrl' | 'accountEmail' | 'accountId' | 'accountName' | 'authRoute' | 'cloudId' | 'webTriggerUrl'
>

/**
 * Saves a new connection with its first linked projects, replacing `existing` (and unlinking
 * everything it had) in the same transaction, then starts a full sync.
 */
export async function saveConfiguration(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  save: { existing: JiraConnection | undefined; fields: ConnectionFields; credential: string; projects: JiraProject[]; audit: Record<string, unknown> },
): Promise<ConfigureResult> {
  const { existing, fields, credential, projects } = save
  const now = deps.clock.now().toISOString()
  const connectionId = newId()
  const result = await deps.db
    .transaction()
    .execute(async (trx) => {
      const cascade = existing ? await removeConnection(trx, portfolioId, now) : { unlinkedProjects: [], unlinkedEpics: [] }
      await connectionRepository.insertConnection(trx, {
        ...fields,
        id: connectionId,
        portfolioId,
        credentialSealed: deps.jira.box.seal(credential, credentialContext(portfolioId)),
        credentialHint: secretHint(credential),
        health: 'ok',
        healthMessage: HEALTH_MESSAGES.ok,
        healthCheckedAt: now,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
      })
      await projectRepository.insertLinkedProjects(trx, projects, { portfolioId, connectionId, linkedBy: actor.userId, linkedAt: now })
      await auditRepository.recordAudit(trx, deps.clock, {
        actorId: actor.userId,
        portfolioId,
        action: existing ? 'jira.site_changed' : 'jira.configured',
        targetType: 'jira_connection',
        targetId: portfolioId,
        details: {
          ...save.audit,
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

/**
 * Writes edited credentials over the connection in place (same site: links and figures stay),
 * marks it healthy again and records the edit, in one transaction. The caller has verified them.
 */
export async function saveEditedConnection(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  save: { fields: Omit<ConnectionFields, 'siteUrl'>; credential: string; audit: Record<string, unknown> },
): Promise<void> {
  const now = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await connectionRepository.updateConnection(trx, portfolioId, {
      ...save.fields,
      credentialSealed: deps.jira.box.seal(save.credential, credentialContext(portfolioId)),
      credentialHint: secretHint(save.credential),
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
      details: save.audit,
    })
  })
}
