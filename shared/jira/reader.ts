/**
 * @module
 * The questions Portfolio Bridge asks Jira, answered in our records. The portal (API-token
 * mode) and the Forge app's web trigger both answer through this class, so both modes give
 * the same projects, epics and progress for the same Jira data. Every reading is bounded:
 * one page per call, with a cursor for the next.
 */
import type { JiraClient } from './client.js'
import {
  CHANGE_FIELDS,
  CHILD_FIELDS,
  EPIC_FIELDS,
  toChangedIssue,
  toChildRecord,
  toEpicRecord,
  toJiraAccount,
  toJiraProject,
} from './issue-records.js'
import { changesJql, childrenJql, epicSearchJql, issueKeyFrom, textSearchTerm } from './jql.js'
import type { ChangedIssue, ChildRecord, EpicRecord, JiraAccount, JiraProject } from './records.js'
import { epicTypeIds, storyPointsFieldIds, type SiteFacts } from './site-facts.js'

/** Jira's largest page for searches that ask for a few fields. */
export const SEARCH_PAGE_SIZE = 100

export interface ProjectSearchResult {
  projects: JiraProject[]
  startAt: number
  total: number | null
  isLast: boolean
}

export interface Page<T> {
  items: T[]
  /** Pass back to read the next page of the same question; null on the last page. */
  nextCursor: string | null
}

export interface JiraReaderOptions {
  /** Facts already known (the portal keeps them per connection), saving two calls per reader. */
  facts?: SiteFacts
}

export class JiraReader {
  #facts: Promise<SiteFacts> | undefined

  constructor(
    readonly client: JiraClient,
    options: JiraReaderOptions = {},
  ) {
    if (options.facts) this.#facts = Promise.resolve(options.facts)
  }

  async account(): Promise<JiraAccount> {
    return toJiraAccount(await this.client.myself())
  }

  /** One page of the projects the account can see, matching `query` on key or name. */
  async searchProjects(params: { query?: string; startAt?: number; maxResults?: number }): Promise<ProjectSearchResult> {
    const page = await this.client.searchProjects({
      query: params.query?.trim() || undefined,
      startAt: params.startAt,
      maxResults: params.maxResults,
    })
    return {
      projects: page.values.map(toJiraProject),
      startAt: page.startAt,
      total: page.total ?? null,
      isLast: page.isLast,
    }
  }

  /** The projects among `ids` that still exist and are visible (missing ones are left out). */
  async projects(ids: readonly string[]): Promise<JiraProject[]> {
    if (ids.length === 0) return []
    return (await this.client.projectsByIds(ids)).map(toJiraProject)
  }

  /** The projects among `keys` that exist and are visible. */
  async projectsByKeys(keys: readonly string[]): Promise<JiraProject[]> {
    if (keys.length === 0) return []
    return (await this.client.projectsByKeys(keys)).map(toJiraProject)
  }

  /** Story-points fields and epic issue types, read once per reader. */
  siteFacts(): Promise<SiteFacts> {
    this.#facts ??= Promise.all([this.client.fields(), this.client.issueTypes()]).then(([fields, types]) => ({
      storyPointsFieldIds: storyPointsFieldIds(fields),
      epicTypeIds: epicTypeIds(types),
    }))
    // A failed lookup must not be remembered: the next call asks again.
    this.#facts.catch(() => (this.#facts = undefined))
    return this.#facts
  }

  /**
   * Epics of the given projects, by key (an exact issue key) or by words of the summary.
   * `projectKeys` must be checked to exist first: an unknown key fails the whole JQL query.
   */
  async searchEpics(params: {
    projectKeys: readonly string[]
    query?: string
    cursor?: string | null
    maxResults?: number
  }): Promise<Page<EpicRecord>> {
    if (params.projectKeys.length === 0) return { items: [], nextCursor: null }
    const typed = params.query?.trim() ?? ''
    const key = issueKeyFrom(typed)
    if (key) {
      const wanted = new Set(params.projectKeys)
      const found = (await this.epics([key])).filter((epic) => wanted.has(epic.projectKey) && epic.hierarchyLevel === 1)
      return { items: found, nextCursor: null }
    }
    const facts = await this.siteFacts()
    if (facts.epicTypeIds.length === 0) return { items: [], nextCursor: null }
    const page = await this.client.searchPage({
      jql: epicSearchJql(params.projectKeys, facts.epicTypeIds, textSearchTerm(typed)),
      fields: EPIC_FIELDS,
      maxResults: Math.min(params.maxResults ?? 50, SEARCH_PAGE_SIZE),
      nextPageToken: params.cursor ?? null,
    })
    return { items: page.issues.map(toEpicRecord), nextCursor: page.nextPageToken }
  }

  /** The issues among `idsOrKeys` that exist and are visible, as epic records (any level). */
  async epics(idsOrKeys: readonly string[]): Promise<EpicRecord[]> {
    if (idsOrKeys.length === 0) return []
    return (await this.client.bulkFetch(idsOrKeys, EPIC_FIELDS)).map(toEpicRecord)
  }

  /**
   * One page of the children of `epicIds` (sub-tasks excluded). Every id must exist: a
   * deleted epic fails the query, so read the epics first and pass the ones still there.
   */
  async children(params: { epicIds: readonly string[]; cursor?: string | null }): Promise<Page<ChildRecord>> {
    if (params.epicIds.length === 0) return { items: [], nextCursor: null }
    const facts = await this.siteFacts()
    const page = await this.client.searchPage({
      jql: childrenJql(params.epicIds),
      fields: [...CHILD_FIELDS, ...facts.storyPointsFieldIds],
      maxResults: SEARCH_PAGE_SIZE,
      nextPageToken: params.cursor ?? null,
    })
    const items = page.issues
      .map((issue) => toChildRecord(issue, facts.storyPointsFieldIds))
      .filter((child): child is ChildRecord => child !== null)
    return { items, nextCursor: page.nextPageToken }
  }

  /** One page of the issues of `projectKeys` updated in the last `sinceMinutes` minutes. */
  async changes(params: {
    projectKeys: readonly string[]
    sinceMinutes: number
    cursor?: string | null
  }): Promise<Page<ChangedIssue>> {
    if (params.projectKeys.length === 0) return { items: [], nextCursor: null }
    const facts = await this.siteFacts()
    const page = await this.client.searchPage({
      jql: changesJql(params.projectKeys, params.sinceMinutes),
      fields: [...CHANGE_FIELDS, ...facts.storyPointsFieldIds],
      maxResults: SEARCH_PAGE_SIZE,
      nextPageToken: params.cursor ?? null,
    })
    return {
      items: page.issues.map((issue) => toChangedIssue(issue, facts.storyPointsFieldIds)),
      nextCursor: page.nextPageToken,
    }
  }
}
