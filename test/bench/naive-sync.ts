// The naive way, for comparison (issue 7 item 2): what a simple integration does with the same
// shared client — one JQL search per epic, its pages one after another, nothing in parallel.
import { JiraClient } from '../../shared/jira/client.js'
import { CHILD_FIELDS, toChildRecord } from '../../shared/jira/issue-records.js'
import { childrenJql } from '../../shared/jira/jql.js'
import { createBasicAuthRequester } from '../../shared/jira/requester.js'
import { SEARCH_PAGE_SIZE } from '../../shared/jira/reader.js'

export interface NaiveTarget {
  siteUrl: string
  email: string
  apiToken: string
  epicIds: readonly string[]
  /** The site's story-points fields, known beforehand so only the searches are counted. */
  storyPointsFieldIds: readonly string[]
}

export interface NaiveResult {
  calls: number
  wallMs: number
  children: number
}

/**
 * Reads every epic's children with its own search, at the same page size and fields as the sync,
 * and sums them per epic in memory (favouring the naive way: it writes nothing to the database).
 */
export async function naiveSync(target: NaiveTarget): Promise<NaiveResult> {
  let calls = 0
  const client = new JiraClient({
    requester: createBasicAuthRequester({ baseUrl: target.siteUrl, email: target.email, apiToken: target.apiToken }),
    onRequest: () => calls++,
  })
  const fields = [...CHILD_FIELDS, ...target.storyPointsFieldIds]
  const started = performance.now()
  let children = 0
  const totals = new Map<string, { total: number; done: number; points: number }>()
  for (const epicId of target.epicIds) {
    const sums = { total: 0, done: 0, points: 0 }
    for await (const page of client.search({ jql: childrenJql([epicId]), fields, maxResults: SEARCH_PAGE_SIZE })) {
      for (const issue of page) {
        const child = toChildRecord(issue, target.storyPointsFieldIds)
        if (!child) continue
        sums.total++
        if (child.statusCategory === 'done') sums.done++
        sums.points += child.storyPoints ?? 0
      }
    }
    children += sums.total
    totals.set(epicId, sums)
  }
  return { calls, wallMs: performance.now() - started, children }
}
