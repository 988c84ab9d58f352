/**
 * @module
 * A connection's health from the outcome of its last contact with Jira, in words shown on
 * every page with Jira data. Pure.
 */
import type { JiraFailureKind } from '../../shared/jira/errors.js'
import type { HealthState } from './jira-connection.table.js'

export const HEALTH_MESSAGES: Record<HealthState, string> = {
  unknown: 'Not read from Jira yet.',
  ok: 'Connected.',
  token_rejected: 'Token rejected — a manager must rotate it.',
  forbidden: 'The Jira account lacks permission to read the linked projects.',
  unreachable: 'The Jira site cannot be reached.',
  unavailable: 'Jira is unavailable; figures shown are the last ones read.',
  rate_limited: 'Jira is rate limiting requests; the next sync will catch up.',
  not_understood: 'Jira answered in a way we do not understand; figures shown are the last ones read.',
}

/**
 * What differs in Forge mode: the stored credential is the app's secret, rotated by a Jira admin
 * on the app's page, so "rotate the token" would send a manager to the wrong place.
 */
export const FORGE_HEALTH_MESSAGES: Partial<Record<HealthState, string>> = {
  token_rejected: "The Forge app refused the stored secret — a manager must paste the current one from the app's admin page in Jira.",
  forbidden: "The Forge app may not read a linked project: a Jira admin can add it to the app's allow-list.",
}

/** The sentence shown for a connection's health, in the words of its mode. */
export function healthMessage(state: HealthState, mode: 'api_token' | 'forge', stored: string | null): string {
  return (mode === 'forge' ? FORGE_HEALTH_MESSAGES[state] : undefined) ?? stored ?? HEALTH_MESSAGES[state]
}

export function healthFor(kind: JiraFailureKind): HealthState {
  switch (kind) {
    case 'bad_credentials':
      return 'token_rejected'
    case 'forbidden':
      return 'forbidden'
    case 'unreachable':
      return 'unreachable'
    case 'rate_limited':
      return 'rate_limited'
    case 'unavailable':
    case 'timeout':
      return 'unavailable'
    case 'not_found':
    case 'bad_request':
    case 'invalid_response':
    case 'unexpected_status':
      return 'not_understood'
  }
}
