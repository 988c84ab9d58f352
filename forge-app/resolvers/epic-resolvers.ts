/**
 * @module
 * The epic resolvers: the progress the portal would show for some epics, and the epics that
 * could be linked. Both read as the app and stay inside the allow-list, so an admin sees exactly
 * what the portal gets; progress is `computeEpicProgress` over the children the shared reader
 * returns, the same maths the portal applies to the same children.
 */
import type { ChildRecord } from '../../shared/jira/records.js'
import { computeEpicProgress } from '../../shared/progress/progress.js'
import { AllowedScope } from '../jira/allowed-scope.js'
import { appReading, RESOLVER_BUDGET } from '../jira/app-reader.js'
import { readAllowList } from '../storage/allow-list.js'
import type { EpicListPage, EpicProgressAnswer, ListEpicsPayload } from './definitions.js'

/** Reads the epics named by `epicKeys` (ids work too) and computes their progress. */
export async function epicProgress(payload: { epicKeys: readonly string[] }): Promise<EpicProgressAnswer> {
  const jira = appReading(RESOLVER_BUDGET)
  const scope = new AllowedScope((await readAllowList()).projects, jira.reader)
  return jira.within(async () => {
    const found = scope.onlyAllowedIssues(await jira.reader.epics(payload.epicKeys))
    const epics = found.filter((epic) => epic.hierarchyLevel === 1)
    const seen = new Set(found.flatMap((epic) => [epic.id, epic.key]))
    const children = new Map<string, ChildRecord[]>(epics.map((epic) => [epic.id, []]))
    let cursor: string | null = null
    if (epics.length > 0) {
      do {
        const page = await jira.reader.children({ epicIds: epics.map((epic) => epic.id), cursor })
        for (const child of page.items) children.get(child.epicId)?.push(child)
        cursor = page.nextCursor
      } while (cursor)
    }
    const facts = await jira.reader.siteFacts()
    const readAt = new Date().toISOString()
    return {
      epics: epics.map((epic) => ({
        epic,
        progress: computeEpicProgress({
          epicStatusCategory: epic.status.category,
          children: children.get(epic.id) ?? [],
          hasStoryPoints: facts.storyPointsFieldIds.length > 0,
        }),
        readAt,
      })),
      missing: payload.epicKeys.filter((key) => !seen.has(key)),
      notEpics: found.filter((epic) => epic.hierarchyLevel !== 1).map((epic) => epic.key),
    }
  })
}

/** One page of the epics of the allowed projects (or of one of them), by key or summary words. */
export async function listAllowedEpics(payload: ListEpicsPayload): Promise<EpicListPage> {
  const jira = appReading(RESOLVER_BUDGET)
  const scope = new AllowedScope((await readAllowList()).projects, jira.reader)
  return jira.within(async () => {
    const projectKeys = payload.projectKey ? [payload.projectKey] : scope.projects.map((project) => project.key)
    if (projectKeys.length === 0) return { epics: [], nextCursor: null }
    if (payload.projectKey) await scope.requireProjectKeys(projectKeys)
    const page = await jira.reader.searchEpics({ projectKeys, query: payload.query, cursor: payload.cursor ?? null })
    return { epics: page.items, nextCursor: page.nextCursor }
  })
}
