/**
 * @module
 * Link and unlink Jira epics on initiatives, search the epics of the linked projects, and
 * show each initiative's epics with their progress. An epic's project must be linked to the
 * portfolio; at most 20 epics per initiative. Linking reads the epic's figures right away.
 */
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Database } from '../db/database.js'
import { isUniqueViolation, lockForUpdate } from '../db/dialect.js'
import { isUuid, newId } from '../db/ids.js'
import * as historyRecorder from '../history/history-recorder.js'
import { ApiError } from '../http/errors.js'
import { sourceForConnection } from '../jira/connection-source.js'
import { EPIC_LIMIT, type IntegrationDeps } from '../jira/integration-deps.js'
import { throwJiraFailure } from '../jira/jira-api-error.js'
import { requireConnection } from '../jira/jira-connection.service.js'
import * as connectionRepository from '../jira/jira-connection.repository.js'
import * as projectRepository from '../jira/linked-project.repository.js'
import type { Actor } from '../policy/actor.js'
import * as snapshotRepository from './epic-snapshot.repository.js'
import * as rollupRepository from './initiative-rollup.repository.js'
import { initiativeProgress, toEpicView, type EpicView, type InitiativeProgress } from './epic-view.js'
import * as linkedEpicRepository from './linked-epic.repository.js'

export interface EpicOption {
  id: string
  key: string
  summary: string
  status: { name: string; category: string }
  projectKey: string
  /** Initiatives of this portfolio the epic is already linked to. */
  linkedTo: string[]
}

/** The epics of the linked projects, by key or words of the summary, optionally of one project. */
export async function searchEpics(
  deps: IntegrationDeps,
  portfolioId: string,
  params: { projectKey?: string | undefined; query?: string | undefined; cursor?: string | undefined },
): Promise<{ epics: EpicOption[]; nextCursor: string | null }> {
  const connection = await requireConnection(deps.db, portfolioId)
  const linked = (await projectRepository.listLinkedProjects(deps.db, portfolioId)).filter((p) => p.state === 'ok')
  let projects = linked
  if (params.projectKey) {
    const key = params.projectKey.trim().toUpperCase()
    projects = linked.filter((p) => p.projectKey === key)
    if (projects.length === 0) {
      throw new ApiError(422, 'project_not_linked', `Jira project ${key} is not linked to this portfolio.`)
    }
  }
  if (projects.length === 0) return { epics: [], nextCursor: null }
  const source = sourceForConnection(connection, deps.jira, { retry: { maxRetries: 1 } })
  const page = await source
    .searchEpics({ projectKeys: projects.map((p) => p.projectKey), query: params.query, cursor: params.cursor ?? null })
    .catch((error) => throwJiraFailure(error, 'saved', connection.siteUrl))
  const links = await deps.db
    .selectFrom('linkedEpics')
    .select(['jiraIssueId', 'initiativeId'])
    .where('portfolioId', '=', portfolioId)
    .execute()
  const linkedTo = new Map<string, string[]>()
  for (const link of links) linkedTo.set(link.jiraIssueId, [...(linkedTo.get(link.jiraIssueId) ?? []), link.initiativeId])
  return {
    epics: page.items.map((epic) => ({
      id: epic.id,
      key: epic.key,
      summary: epic.summary,
      status: epic.status,
      projectKey: epic.projectKey,
      linkedTo: linkedTo.get(epic.id) ?? [],
    })),
    nextCursor: page.nextCursor,
  }
}

export async function requireInitiative(db: Kysely<Database>, portfolioId: string, initiativeId: string) {
  const initiative = isUuid(initiativeId)
    ? await db
        .selectFrom('initiatives')
        .select(['id', 'name'])
        .where('id', '=', initiativeId)
        .where('portfolioId', '=', portfolioId)
        .executeTakeFirst()
    : undefined
  if (!initiative) throw new ApiError(404, 'not_found', 'Initiative not found.')
  return initiative
}

/**
 * The epics of an initiative with their figures, and its roll-up. Three plain queries: one
 * joining all three tables measured twice as slow, its statement costing more to prepare than
 * the rows to read.
 */
export async function initiativeEpics(
  db: Kysely<Database>,
  portfolioId: string,
  initiativeId: string,
): Promise<{ epics: EpicView[]; progress: InitiativeProgress }> {
  const connection = await connectionRepository.findConnection(db, portfolioId)
  const links = await db
    .selectFrom('linkedEpics')
    .innerJoin('linkedProjects', 'linkedProjects.id', 'linkedEpics.linkedProjectId')
    .select(['linkedEpics.jiraIssueId', 'linkedEpics.linkedAt', 'linkedProjects.avatarUrl as projectAvatarUrl'])
    .where('linkedEpics.initiativeId', '=', initiativeId)
    .orderBy('linkedEpics.linkedAt')
    .orderBy('linkedEpics.id')
    .execute()
  const snapshots = await snapshotRepository.findSnapshots(db, portfolioId, links.map((l) => l.jiraIssueId))
  const byId = new Map(snapshots.map((s) => [s.jiraIssueId, s]))
  const epics = links.map((link) => toEpicView(link, byId.get(link.jiraIssueId), connection?.siteUrl ?? null))
  return { epics, progress: initiativeProgress(epics) }
}

/**
 * Every initiative's roll-up in one read, for the portfolio landscape: the precomputed roll-ups,
 * one row per initiative, rather than every linked epic's snapshot. Initiatives without linked
 * epics have no entry.
 */
export async function portfolioProgress(db: Kysely<Database>, portfolioId: string): Promise<Map<string, InitiativeProgress>> {
  return rollupRepository.listRollups(db, portfolioId)
}

/**
 * Links an epic (by key, as people type it) to an initiative. The epic is read from Jira:
 * it must exist, be an epic, and belong to a linked project.
 */
export async function linkEpic(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  initiativeId: string,
  epicKey: string,
): Promise<EpicView> {
  const initiative = await requireInitiative(deps.db, portfolioId, initiativeId)
  const connection = await requireConnection(deps.db, portfolioId)
  const source = sourceForConnection(connection, deps.jira, { retry: { maxRetries: 1 } })
  const key = epicKey.trim().toUpperCase()
  const [epic] = await source.epics([key]).catch((error) => throwJiraFailure(error, 'saved', connection.siteUrl))
  if (!epic) throw new ApiError(422, 'epic_not_found', `Jira has no issue ${key} that this account can see.`)
  if (epic.hierarchyLevel !== 1) throw new ApiError(422, 'not_an_epic', `${epic.key} is not an epic in Jira.`)
  const now = deps.clock.now().toISOString()
  const linked = await deps.db
    .transaction()
    .execute(async (trx) => {
      // The same lock as unlinking a project: an epic never ends up linked to an unlinked project.
      await trx.selectFrom('jiraConnections').select('id').where('id', '=', connection.id).$call(lockForUpdate(trx)).execute()
      const project = await projectRepository.findLinkedProjectByJiraId(trx, portfolioId, epic.projectId)
      if (!project) {
        throw new ApiError(422, 'project_not_linked', `${epic.key} belongs to Jira project ${epic.projectKey}, which is not linked to this portfolio.`)
      }
      if (await linkedEpicRepository.findLinkedEpic(trx, initiativeId, epic.id)) {
        throw new ApiError(409, 'epic_already_linked', `${epic.key} is already linked to this initiative.`)
      }
      if ((await linkedEpicRepository.countLinkedEpics(trx, initiativeId)) >= EPIC_LIMIT) {
        throw new ApiError(409, 'epic_limit_reached', `An initiative can have at most ${EPIC_LIMIT} linked epics.`, { limit: EPIC_LIMIT })
      }
      await linkedEpicRepository.insertLinkedEpic(trx, {
        id: newId(),
        portfolioId,
        initiativeId,
        linkedProjectId: project.id,
        jiraIssueId: epic.id,
        linkedAt: now,
        linkedBy: actor.userId,
      })
      await snapshotRepository.saveEpicFields(trx, portfolioId, epic, 'ok', now)
      await historyRecorder.recordLink(trx, { portfolioId, initiativeId, jiraIssueId: epic.id, epicKey: epic.key }, now)
      await auditRepository.recordAudit(trx, deps.clock, {
        actorId: actor.userId,
        portfolioId,
        action: 'epic.linked',
        targetType: 'initiative',
        targetId: initiativeId,
        details: { epic: epic.key, epicId: epic.id, initiative: initiative.name },
      })
      const [snapshot] = await snapshotRepository.findSnapshots(trx, portfolioId, [epic.id])
      return toEpicView({ jiraIssueId: epic.id, linkedAt: now, projectAvatarUrl: project.avatarUrl }, snapshot, connection.siteUrl)
    })
    .catch((error) => {
      if (isUniqueViolation(error)) throw new ApiError(409, 'epic_already_linked', `${epic.key} is already linked to this initiative.`)
      throw error
    })
  // Right after linking: read its figures now (a failure leaves the link; the next sync retries).
  await deps.sync.syncEpics(portfolioId, [epic.id], 'link')
  const { epics } = await initiativeEpics(deps.db, portfolioId, initiativeId)
  // A concurrent unlink of its project may have taken the link away already (that answer lists
  // it): the link was still made, so answer with the epic as it was linked.
  return epics.find((e) => e.id === epic.id) ?? linked
}

/** Unlinks an epic, named by its current key or its Jira id. */
export async function unlinkEpic(
  deps: IntegrationDeps,
  actor: Actor,
  portfolioId: string,
  initiativeId: string,
  epicKeyOrId: string,
): Promise<{ unlinked: { id: string; key: string } }> {
  const initiative = await requireInitiative(deps.db, portfolioId, initiativeId)
  const wanted = epicKeyOrId.trim().toUpperCase()
  return deps.db.transaction().execute(async (trx) => {
    const links = await linkedEpicRepository.listLinkedEpicsOfInitiative(trx, initiativeId)
    const snapshots = await snapshotRepository.findSnapshots(trx, portfolioId, links.map((l) => l.jiraIssueId))
    const byKey = new Map(snapshots.map((s) => [s.epicKey, s.jiraIssueId]))
    const jiraId = links.some((l) => l.jiraIssueId === wanted) ? wanted : byKey.get(wanted)
    const link = links.find((l) => l.jiraIssueId === jiraId)
    if (!link) throw new ApiError(404, 'epic_not_linked', `${epicKeyOrId} is not linked to this initiative.`)
    const key = snapshots.find((s) => s.jiraIssueId === link.jiraIssueId)?.epicKey ?? link.jiraIssueId
    const now = deps.clock.now().toISOString()
    await historyRecorder.recordUnlinking(trx, portfolioId, [link], now)
    await linkedEpicRepository.deleteLinkedEpic(trx, link.id)
    await snapshotRepository.dropUntrackedEpics(trx, portfolioId)
    await historyRecorder.recordUnlinked(trx, portfolioId, [initiativeId], now)
    await auditRepository.recordAudit(trx, deps.clock, {
      actorId: actor.userId,
      portfolioId,
      action: 'epic.unlinked',
      targetType: 'initiative',
      targetId: initiativeId,
      details: { epic: key, epicId: link.jiraIssueId, initiative: initiative.name },
    })
    return { unlinked: { id: link.jiraIssueId, key } }
  })
}
