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
