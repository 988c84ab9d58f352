/**
 * @module
 * Jira failures in words a portfolio manager can act on, as the API's errors. While a person
 * sets up a connection the fault is usually in what they typed (422); once a connection is
 * saved the fault is Jira's or the stored token's (5xx with a code saying which).
 */
import { isJiraError, type JiraError } from '../../shared/jira/errors.js'
import { ApiError } from '../http/errors.js'
import { forgeApiError } from './forge-errors.js'
import { SiteRedirectError, UnsafeAddressError } from './safe-fetch.js'

export type JiraStage = 'setup' | 'saved'

function causeCode(error: JiraError): string | undefined {
  const cause = error.cause as { code?: string; cause?: { code?: string } } | undefined
  return cause?.code ?? cause?.cause?.code
}

function retryAfterHeader(error: JiraError): Record<string, string> {
  return error.retryAfterMs === undefined ? {} : { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) }
}

/** The ApiError for a failure reaching `siteUrl`, or the error itself if it is not Jira's. */
export function apiErrorFromJira(error: unknown, stage: JiraStage, siteUrl: string): unknown {
  if (!isJiraError(error)) return error
  const forge = forgeApiError(error, stage)
  if (forge) return forge
  const cause = error.cause
  if (cause instanceof UnsafeAddressError) {
    return new ApiError(422, 'unsafe_site_url', `${siteUrl} points inside a private network; connect a Jira Cloud site.`)
  }
  if (cause instanceof SiteRedirectError) {
    return new ApiError(422, 'jira_site_redirects', `${siteUrl} redirects to ${cause.location}; enter that address instead.`, {
      location: cause.location,
    })
  }
  const setup = stage === 'setup'
  switch (error.kind) {
    case 'bad_credentials':
      return setup
        ? new ApiError(422, 'jira_bad_credentials', 'Jira rejected the account email or API token. Check both, or create a new API token for this account.')
        : new ApiError(502, 'jira_token_rejected', 'Jira rejected the stored API token — a manager must rotate it in Portfolio Settings › Integrations.')
    case 'forbidden':
      return new ApiError(setup ? 422 : 502, 'jira_forbidden', 'The Jira account does not have permission to read this. Use an account with access to the projects.')
    case 'not_found':
    case 'invalid_response':
    case 'unexpected_status':
      return setup
        ? new ApiError(422, 'not_a_jira_site', `${siteUrl} does not answer like a Jira Cloud site. Check the address, e.g. https://mycompany.atlassian.net.`)
        : new ApiError(502, 'jira_not_understood', 'Jira answered in a way Portfolio Bridge does not understand. Try again later.')
    case 'unreachable':
      return causeCode(error) === 'ENOTFOUND'
        ? new ApiError(setup ? 422 : 502, 'jira_site_not_found', `No site answers at ${siteUrl}. Check the address.`)
        : new ApiError(setup ? 422 : 502, 'jira_site_unreachable', `${siteUrl} cannot be reached. Check the address, or try again later.`)
    case 'rate_limited':
      return new ApiError(503, 'jira_rate_limited', 'Jira is limiting how fast it answers. Try again in a moment.', null, retryAfterHeader(error))
    case 'timeout':
      return new ApiError(504, 'jira_timeout', 'Jira did not answer in time. Try again in a moment.')
    case 'unavailable':
      return new ApiError(502, 'jira_unavailable', 'Jira is unavailable right now. Try again in a moment.')
    case 'bad_request':
      return new ApiError(502, 'jira_query_refused', `Jira refused the query: ${error.jiraMessages.join(' ') || 'no reason given'}`)
  }
}

/** `apiErrorFromJira`, thrown. */
export function throwJiraFailure(error: unknown, stage: JiraStage, siteUrl: string): never {
  throw apiErrorFromJira(error, stage, siteUrl)
}
