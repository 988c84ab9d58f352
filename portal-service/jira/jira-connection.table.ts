// The `jira_connections` table: at most one Jira connection per portfolio.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export const CONNECTION_MODES = ['api_token', 'forge'] as const
export type ConnectionMode = (typeof CONNECTION_MODES)[number]

/** How API-token requests reach the site: directly, or through the API gateway (scoped tokens). */
export const AUTH_ROUTES = ['site', 'gateway'] as const
export type AuthRoute = (typeof AUTH_ROUTES)[number]

export const HEALTH_STATES = [
  'unknown',
  'ok',
  'token_rejected',
  'forbidden',
  'unreachable',
  'unavailable',
  'rate_limited',
  'not_understood',
] as const
export type HealthState = (typeof HEALTH_STATES)[number]

export interface JiraConnectionTable {
  id: string
  portfolioId: string
  mode: ConnectionMode
  /** Normalized origin, e.g. `https://acme.atlassian.net`. */
  siteUrl: string
  /** API-token mode: the Jira account the token belongs to. */
  accountEmail: string | null
  accountId: string | null
  accountName: string | null
  authRoute: Generated<AuthRoute>
  cloudId: string | null
  /** Forge mode: where the app's web trigger answers. */
  webTriggerUrl: string | null
  /** The API token or the Forge shared secret, sealed by the secret box; never plain text. */
  credentialSealed: string
  /** "…abcd": all the API ever shows of the credential. */
  credentialHint: string
  /** JSON arrays of ids: the site's story-points fields and epic issue types. */
  storyPointsFieldIds: Generated<string>
  epicTypeIds: Generated<string>
  factsReadAt: string | null
  health: Generated<HealthState>
  healthMessage: string | null
  healthCheckedAt: string | null
  /** When the last successful sync finished, and when it (and the last full one) started. */
  lastSyncAt: string | null
  lastSyncStartedAt: string | null
  lastFullSyncAt: string | null
  /** When any sync last started, successful or not: the scheduler waits an interval after it. */
  lastAttemptAt: string | null
  /** Which portal instance may sync this portfolio, until when (several instances, one database). */
  syncLeaseOwner: string | null
  syncLeaseUntil: string | null
  createdAt: string
  updatedAt: string
  createdBy: string | null
}

export type JiraConnection = Selectable<JiraConnectionTable>
export type NewJiraConnection = Insertable<JiraConnectionTable>
export type JiraConnectionUpdate = Updateable<JiraConnectionTable>
