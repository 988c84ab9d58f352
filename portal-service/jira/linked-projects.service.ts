/**
 * @module
 * Link and unlink Jira projects (the seed's "+Link Projects" and "⨉"). At most 20 per
 * portfolio, all or nothing, even under concurrent requests; unlinking a project unlinks its
 * epics from every initiative in the same transaction, and the answer says which.
 */
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Database } from '../db/database.js'
import { isUniqueViolation, lockForUpdate } from '../db/dialect.js'
import * as linkedEpicRepository from '../epics/linked-epic.repository.js'
import * as snapshotRepository from '../epics/epic-snapshot.repository.js'
import * as historyRecorder from '../history/history-recorder.js'
import { ApiError } from '../http/errors.js'
import type { Actor } from '../policy/actor.js'
import { sourceForConnection } from './connection-source.js'
import { PROJECT_LIMIT, type IntegrationDeps } from './integration-deps.js'
import { throwJiraFailure } from './jira-api-error.js'
import { linkedProjectView, notConfigured, requireConnection, type LinkedProjectView } from './jira-connection.service.js'
import * as projectRepository from './linked-project.repository.js'
import { describeEpics, type UnlinkedEpic } from './unlinked.js'

export interface AvailableProject {
  id: string
  key: string
  name: string
  avatarUrl: string | null
  linked: boolean
}

export interface AvailableProjects {
  projects: AvailableProject[]
  startAt: number
  total: number | null
  isLast: boolean
}

/** One page of the projects the connection's account can see, searched on Jira's side. */
export async function availableProjects(
  deps: IntegrationDeps,
  portfolioId: string,
  params: { query?: string | undefined; startAt?: number | undefined },
): Promise<AvailableProjects> {
  const connection = await requireConnection(deps.db, portfolioId)
  const source = sourceForConnection(connection, deps.jira, { retry: { maxRetries: 1 } })
  const page = await source
    .searchProjects({ query: params.query, startAt: params.startAt, maxResults: 50 })
    .catch((error) => throwJiraFailure(error, 'saved', connection.siteUrl))
  const linked = new Set((await projectRepository.listLinkedProjects(deps.db, portfolioId)).map((p) => p.jiraProjectId))
  return {
    projects: page.projects.map((p) => ({ id: p.id, key: p.key, name: p.name, avatarUrl: p.avatarUrl, linked: linked.has(p.id) })),
    startAt: page.startAt,
    total: page.total,
    isLast: page.isLast,
  }
}

export interface LinkProjectsResult {
  linked: LinkedProjectView[]
  alreadyLinked: string[]
  linkedProjects: LinkedProjectView[]
}

function limitReached(linkedCount: number, requested: number): ApiError {
  return new ApiError(
    409,
    'project_limit_reached',
    `A portfolio can link at most ${PROJECT_LIMIT} Jira projects; ${linkedCount} are linked, so ${requested} more would be too many. Nothing was linked.`,
    { limit: PROJECT_LIMIT, linked: linkedCount, requested },
  )
}

/** Links several projects at once: all of them, or none. */
export async function linkProjects(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  projectKeys: readonly string[],
): Promise<LinkProjectsResult> {
  const connection = await requireConnection(deps.db, portfolioId)
  const keys = [...new Set(projectKeys.map((k) => k.trim().toUpperCase()))]
  const before = await projectRepository.listLinkedProjects(deps.db, portfolioId)
  const linkedKeys = new Set(before.map((p) => p.projectKey))
  const wanted = keys.filter((k) => !linkedKeys.has(k))
  // Fail early and cheaply when the limit is plainly exceeded; the transaction checks again.
  if (before.length + wanted.length > PROJECT_LIMIT) throw limitReached(before.length, wanted.length)
  const source = sourceForConnection(connection, deps.jira)
  const projects = wanted.length === 0 ? [] : await source.projectsByKeys(wanted).catch((e) => throwJiraFailure(e, 'saved', connection.siteUrl))
  const found = new Set(projects.map((p) => p.key))
  const unknown = wanted.filter((k) => !found.has(k))
  if (unknown.length > 0) {
    throw new ApiError(422, 'unknown_projects', `The Jira account cannot see these projects: ${unknown.join(', ')}.`, { keys: unknown })
  }
  const now = deps.clock.now().toISOString()
  const inserted = await deps.db
    .transaction()
    .execute(async (trx) => {
      // Serializes linking per portfolio, so concurrent requests cannot pass the limit together.
      const locked = await trx.selectFrom('jiraConnections').select('id').where('portfolioId', '=', portfolioId).$call(lockForUpdate(trx)).executeTakeFirst()
      // Deleted (or replaced) since it was read: the projects would belong to no connection.
      if (!locked) throw notConfigured()
      if (locked.id !== connection.id) throw new ApiError(409, 'conflict', 'The Jira configuration changed while the projects were being linked. Try again.')
      const current = await projectRepository.listLinkedProjects(trx, portfolioId)
      const currentIds = new Set(current.map((p) => p.jiraProjectId))
      const fresh = projects.filter((p) => !currentIds.has(p.id))
      if (current.length + fresh.length > PROJECT_LIMIT) throw limitReached(current.length, fresh.length)
      const rows = await projectRepository.insertLinkedProjects(trx, fresh, { portfolioId, connectionId: connection.id, linkedBy: actor.userId, linkedAt: now })
      if (rows.length > 0) {
        await auditRepository.recordAudit(trx, deps.clock, {
          actorId: actor.userId,
          portfolioId,
          action: 'jira.projects_linked',
          targetType: 'jira_connection',
          targetId: portfolioId,
          details: { projects: rows.map((r) => r.projectKey) },
        })
      }
      return rows
    })
    .catch((error) => {
      if (isUniqueViolation(error)) throw new ApiError(409, 'conflict', 'Those projects were being linked at the same time. Try again.')
      throw error
    })
  const all = await projectRepository.listLinkedProjects(deps.db, portfolioId)
  const insertedIds = new Set(inserted.map((r) => r.id))
  const insertedKeys = new Set(inserted.map((r) => r.projectKey))
  return {
    linked: all.filter((p) => insertedIds.has(p.id)).map((p) => linkedProjectView(connection.siteUrl, p)),
    alreadyLinked: keys.filter((k) => !insertedKeys.has(k) && all.some((p) => p.projectKey === k)),
    linkedProjects: all.map((p) => linkedProjectView(connection.siteUrl, p)),
  }
}

async function findLinkedOrThrow(db: Kysely<Database>, portfolioId: string, projectKey: string) {
  const project = await projectRepository.findLinkedProjectByKey(db, portfolioId, projectKey.trim().toUpperCase())
  if (!project) throw new ApiError(404, 'project_not_linked', `Jira project ${projectKey} is not linked to this portfolio.`)
  return project
}

/** The epics unlinking `projectKey` would take with it, for the confirmation box. */
export async function previewUnlinkProject(deps: IntegrationDeps, portfolioId: string, projectKey: string): Promise<{ unlinkedEpics: UnlinkedEpic[] }> {
  await requireConnection(deps.db, portfolioId)
  const project = await findLinkedOrThrow(deps.db, portfolioId, projectKey)
  const epics = await linkedEpicRepository.linkedEpicsWithInitiatives(deps.db, portfolioId, [project.id])
  return { unlinkedEpics: await describeEpics(deps.db, portfolioId, epics) }
}

export async function unlinkProject(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  projectKey: string,
): Promise<{ unlinkedEpics: UnlinkedEpic[] }> {
  const connection = await requireConnection(deps.db, portfolioId)
  return deps.db.transaction().execute(async (trx) => {
    await trx.selectFrom('jiraConnections').select('id').where('id', '=', connection.id).$call(lockForUpdate(trx)).execute()
    const project = await findLinkedOrThrow(trx, portfolioId, projectKey)
    const epics = await linkedEpicRepository.linkedEpicsWithInitiatives(trx, portfolioId, [project.id])
    const unlinkedEpics = await describeEpics(trx, portfolioId, epics)
    const now = deps.clock.now().toISOString()
    await historyRecorder.recordUnlinking(trx, portfolioId, epics, now)
    if (epics.length > 0) await trx.deleteFrom('linkedEpics').where('linkedProjectId', '=', project.id).execute()
    await projectRepository.deleteLinkedProject(trx, project.id)
    await snapshotRepository.dropUntrackedEpics(trx, portfolioId)
    await historyRecorder.recordUnlinked(trx, portfolioId, epics.map((e) => e.initiativeId), now)
    await auditRepository.recordAudit(trx, deps.clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'jira.project_unlinked',
      targetType: 'linked_project',
      targetId: project.jiraProjectId,
      details: { project: project.projectKey, unlinkedEpics: unlinkedEpics.map((e) => ({ key: e.key, initiative: e.initiativeName })) },
    })
    return { unlinkedEpics }
  })
}
