/**
 * @module
 * The portal's project search in Forge mode: only allowed projects, as Jira names them now.
 * Filtering Jira's own search pages would leave holes in them and break `startAt` paging, so
 * the allowed projects are read by id (one Jira call per 50, and an allow-list is short),
 * matched on key or name the way Jira's `query` does (case-insensitive, anywhere in either),
 * ordered by key, and paged here.
 */
import type { OperationData, OperationParams } from '../../shared/contract/operations.js'
import type { JiraReader } from '../../shared/jira/reader.js'
import type { AllowedScope } from '../jira/allowed-scope.js'

const DEFAULT_PAGE_SIZE = 50

export async function searchAllowedProjects(
  scope: AllowedScope,
  reader: JiraReader,
  params: OperationParams<'searchProjects'>,
): Promise<OperationData<'searchProjects'>> {
  const startAt = params.startAt ?? 0
  const pageSize = params.maxResults ?? DEFAULT_PAGE_SIZE
  const ids = scope.projectIds
  const current = ids.length === 0 ? [] : await reader.projects(ids)
  const wanted = params.query?.trim().toLowerCase() ?? ''
  const matching = current
    .filter((project) => !wanted || project.key.toLowerCase().includes(wanted) || project.name.toLowerCase().includes(wanted))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const page = matching.slice(startAt, startAt + pageSize)
  return { projects: page, startAt, total: matching.length, isLast: startAt + page.length >= matching.length }
}
