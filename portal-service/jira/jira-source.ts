/**
 * @module
 * The portal's one port to Jira (DESIGN.md, "Two ways to reach Jira"): the questions the
 * integration asks, answered in shared records. The API-token adapter answers with the shared
 * `JiraReader` directly; the Forge adapter asks the Forge app's web trigger, which answers with
 * the same reader, so both give the same answers for the same Jira data.
 */
import type { JiraReader } from '../../shared/jira/reader.js'

export type JiraSource = Pick<
  JiraReader,
  'account' | 'searchProjects' | 'projects' | 'projectsByKeys' | 'siteFacts' | 'searchEpics' | 'epics' | 'children' | 'changes'
>

/** The link to a project in Jira, stable across Jira's UI changes. */
export function projectUrl(siteUrl: string, projectKey: string): string {
  return `${siteUrl}/browse/${encodeURIComponent(projectKey)}`
}

/** The link to an issue in Jira. */
export function issueUrl(siteUrl: string, issueKey: string): string {
  return `${siteUrl}/browse/${encodeURIComponent(issueKey)}`
}
