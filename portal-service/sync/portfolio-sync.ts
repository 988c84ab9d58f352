/**
 * @module
 * The reading and writing steps of one sync of one portfolio: refresh the linked projects,
 * read epics and their children in batched JQL (many epics per query, the fewest fields, the
 * largest pages), or read only what changed. Each page is stored and dropped, so memory does
 * not grow with the number of children. Jira failing never deletes a link or a snapshot.
 */
import type { Kysely } from 'kysely'
import { isJiraError } from '../../shared/jira/errors.js'
import { SEARCH_PAGE_SIZE, type Page } from '../../shared/jira/reader.js'
import type { ChildRecord, EpicRecord } from '../../shared/jira/records.js'
import type { SiteFacts } from '../../shared/jira/site-facts.js'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import * as childRepository from '../epics/epic-child.repository.js'
import type { EpicState } from '../epics/epic-snapshot.table.js'
import * as snapshotRepository from '../epics/epic-snapshot.repository.js'
import * as linkedEpicRepository from '../epics/linked-epic.repository.js'
import type { JiraSource } from '../jira/jira-source.js'
import * as projectRepository from '../jira/linked-project.repository.js'
import type { LinkedProject } from '../jira/linked-project.table.js'
import { planBatches } from './batch-plan.js'
import { jiraInstant, planChanges } from './change-plan.js'

export interface SyncContext {
  db: Kysely<Database>
  clock: Clock
  portfolioId: string
  runId: string
  source: JiraSource
  /** Epics per children query at most. */
  epicsPerQuery: number
  /** Children queries in flight at once (the client bounds requests further). */
  parallelQueries: number
  /** Counters for the run record. */
  counts: { epicsRead: number; childrenRead: number }
}

/** Readable linked projects by Jira id. */
export type ReadableProjects = Map<string, LinkedProject>

const now = (ctx: SyncContext) => ctx.clock.now().toISOString()

/**
 * Asks Jira for the linked projects: new keys and names are taken, vanished ones marked missing.
 * @param returned collects the ids of projects that were missing and are readable again.
 */
export async function refreshProjects(ctx: SyncContext, returned?: Set<string>): Promise<ReadableProjects> {
  const linked = await projectRepository.listLinkedProjects(ctx.db, ctx.portfolioId)
  if (linked.length === 0) return new Map()
  const found = new Map((await ctx.source.projects(linked.map((p) => p.jiraProjectId))).map((p) => [p.id, p]))
  const readable: ReadableProjects = new Map()
  for (const project of linked) {
    const current = found.get(project.jiraProjectId)
    if (!current) {
      if (project.state !== 'missing') await projectRepository.refreshLinkedProject(ctx.db, project.id, { state: 'missing' })
      continue
    }
    const fresh = { projectKey: current.key, name: current.name, avatarUrl: current.avatarUrl, style: current.style, state: 'ok' as const }
    const changed =
      fresh.projectKey !== project.projectKey ||
      fresh.name !== project.name ||
      fresh.avatarUrl !== project.avatarUrl ||
      fresh.style !== project.style ||
      project.state !== 'ok'
    if (changed) await projectRepository.refreshLinkedProject(ctx.db, project.id, fresh)
    if (project.state === 'missing') returned?.add(project.jiraProjectId)
    readable.set(project.jiraProjectId, { ...project, ...fresh })
  }
  return readable
}

/** The linked projects as last read, without asking Jira (for reads right after linking). */
export async function knownReadableProjects(ctx: SyncContext): Promise<ReadableProjects> {
  const linked = await projectRepository.listLinkedProjects(ctx.db, ctx.portfolioId)
  return new Map(linked.filter((p) => p.state === 'ok').map((p) => [p.jiraProjectId, p]))
}

function epicState(epic: EpicRecord, readable: ReadableProjects): EpicState {
  if (epic.hierarchyLevel !== 1) return 'not_epic'
  return readable.has(epic.projectId) ? 'ok' : 'moved_out'
}

/** Stores what Jira says of `epics` themselves, in a few statements whatever their number. */
async function saveEpics(ctx: SyncContext, epics: readonly EpicRecord[], readable: ReadableProjects): Promise<void> {
  if (epics.length === 0) return
  const entries = epics.map((epic) => ({ epic, state: epicState(epic, readable) }))
  await snapshotRepository.saveEpicsFields(ctx.db, ctx.portfolioId, entries, now(ctx))
  // Moved to another linked project: unlinking that project now takes the epic with it.
  const moves = epics.flatMap((epic) => {
    const project = readable.get(epic.projectId)
    return project ? [{ jiraIssueId: epic.id, linkedProjectId: project.id }] : []
  })
  await linkedEpicRepository.moveEpicsToProjects(ctx.db, ctx.portfolioId, moves)
}

/** Runs `task` over `items` with at most `limit` at once; every task settles before errors surface. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<{ done: number; error: unknown }> {
  let next = 0
  let done = 0
  let error: unknown = undefined
  const worker = async () => {
    while (next < items.length && error === undefined) {
      const item = items[next++]!
      try {
        await task(item)
        done++
      } catch (caught) {
        error ??= caught
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return { done, error }
}

/** Jira refuses a whole query naming an issue that no longer exists. */
function namesMissingIssue(error: unknown): boolean {
  return isJiraError(error, 'bad_request') && error.jiraMessages.some((m) => /does not exist/i.test(m))
}

/**
 * Reads every page of the children of `epicIds` and stores each as it comes. The next page is
 * asked for as soon as this one's cursor is known, so Jira's latency overlaps the database
 * write; at most two pages per query are held at once.
 */
async function readChildrenOf(ctx: SyncContext, epicIds: readonly string[]): Promise<void> {
  let next: Promise<Page<ChildRecord>> | null = ctx.source.children({ epicIds, cursor: null })
  while (next) {
    const page: Page<ChildRecord> = await next
    next = page.nextCursor ? ctx.source.children({ epicIds, cursor: page.nextCursor }) : null
    // If storing fails, the page asked for meanwhile must not end as an unhandled rejection.
    next?.catch(() => undefined)
    await childRepository.upsertChildren(ctx.db, ctx.portfolioId, page.items, ctx.runId)
    ctx.counts.childrenRead += page.items.length
  }
}

async function readBatch(ctx: SyncContext, epicIds: readonly string[], hasPoints: boolean): Promise<void> {
  let ids = epicIds
  try {
    await readChildrenOf(ctx, ids)
  } catch (error) {
    if (!namesMissingIssue(error)) throw error
    // An epic vanished between reading it and its children: find which, and ask again without it.
    const still = new Set((await ctx.source.epics(ids)).map((epic) => epic.id))
    await snapshotRepository.markEpicsState(ctx.db, ctx.portfolioId, ids.filter((id) => !still.has(id)), 'deleted')
    ids = ids.filter((id) => still.has(id))
    if (ids.length > 0) await readChildrenOf(ctx, ids)
  }
  await childRepository.sweepChildren(ctx.db, ctx.portfolioId, ids, ctx.runId)
  await recompute(ctx, ids, hasPoints)
}

async function recompute(ctx: SyncContext, epicIds: readonly string[], hasPoints: boolean): Promise<void> {
  const figures = await childRepository.sumChildren(ctx.db, ctx.portfolioId, epicIds)
  await snapshotRepository.saveFigures(ctx.db, ctx.portfolioId, figures, hasPoints, now(ctx))
}

/**
 * Reads `epicIds` in full: the epics themselves (bulk fetch, 100 a call), then their children
 * in batched JQL, packed by the child counts of the last read so that pages come out full
 * (batch-plan.ts). Epics Jira no longer returns are marked deleted, never dropped.
 * @returns how many batches were stored before a failure, and the failure.
 */
export async function readEpicsInFull(
  ctx: SyncContext,
  epicIds: readonly string[],
  readable: ReadableProjects,
  facts: SiteFacts,
): Promise<{ batchesDone: number; error: unknown }> {
  if (epicIds.length === 0) return { batchesDone: 0, error: undefined }
  const epics = await ctx.source.epics(epicIds)
  ctx.counts.epicsRead += epics.length
  const found = new Set(epics.map((epic) => epic.id))
  await saveEpics(ctx, epics, readable)
  await snapshotRepository.markEpicsState(ctx.db, ctx.portfolioId, epicIds.filter((id) => !found.has(id)), 'deleted')
  const hasPoints = facts.storyPointsFieldIds.length > 0
  const expected = await snapshotRepository.knownTotals(ctx.db, ctx.portfolioId, [...found])
  const batches = planBatches(
    [...found].map((id) => ({ id, expected: expected.get(id) ?? null })),
    { chains: ctx.parallelQueries, maxPerBatch: ctx.epicsPerQuery, pageSize: SEARCH_PAGE_SIZE },
  )
  const { done, error } = await inParallel(batches, ctx.parallelQueries, (batch) => readBatch(ctx, batch, hasPoints))
  return { batchesDone: done, error }
}

/**
 * Reads only the issues of readable linked projects updated in the last `sinceMinutes`
 * minutes, and adjusts the stored children and figures they touch.
 */
export async function readChanges(
  ctx: SyncContext,
  readable: ReadableProjects,
  sinceMinutes: number,
  facts: SiteFacts,
): Promise<void> {
  const tracked = new Set(await linkedEpicRepository.trackedEpicIds(ctx.db, ctx.portfolioId))
  const projectKeys = [...readable.values()].map((p) => p.projectKey)
  if (tracked.size === 0 || projectKeys.length === 0) return
  const applied = new Map<string, number>()
  const affected = new Set<string>()
  let cursor: string | null = null
  do {
    const page = await ctx.source.changes({ projectKeys, sinceMinutes, cursor })
    // An issue met again on a later page (pages shift as issues change) counts only if newer.
    const fresh = page.items.filter((issue) => (applied.get(issue.id) ?? -Infinity) < jiraInstant(issue.updated))
    const plan = planChanges(fresh, tracked, await childRepository.epicOfChildren(ctx.db, ctx.portfolioId, fresh.map((i) => i.id)))
    for (const issue of fresh) applied.set(issue.id, jiraInstant(issue.updated))
    await saveEpics(ctx, plan.epicUpdates, readable)
    ctx.counts.epicsRead += plan.epicUpdates.length
    await childRepository.upsertChildren(ctx.db, ctx.portfolioId, plan.childUpserts, undefined)
    await childRepository.removeChildren(ctx.db, ctx.portfolioId, plan.childRemovals)
    ctx.counts.childrenRead += plan.childUpserts.length
    for (const id of plan.affectedEpicIds) affected.add(id)
    cursor = page.nextCursor
  } while (cursor)
  await recompute(ctx, [...affected], facts.storyPointsFieldIds.length > 0)
}
