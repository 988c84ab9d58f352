/**
 * @module
 * Whether the caller of an admin-page resolver is a Jira administrator. The page only shows to
 * admins, but a resolver can be invoked with a crafted request, and these resolvers hand out the
 * portal secret: so each one asks Jira, as the user, and refuses unless Jira says yes. The
 * question goes through the shared client like every other Jira call (its read-only gate).
 */
import { JiraClient } from '../../shared/jira/client.js'
import { isJiraError } from '../../shared/jira/errors.js'
import type { Requester } from '../../shared/jira/requester.js'

export type AdminCheck = 'admin' | 'not_admin' | 'unknown'

/**
 * `admin` only when Jira says so; `not_admin` when Jira says no or refuses the user;
 * `unknown` when Jira could not answer (the caller must refuse too: fail closed).
 */
export async function checkJiraAdmin(requester: Requester): Promise<AdminCheck> {
  // Resolvers have 25 s in all: one short retry, never a long wait.
  const client = new JiraClient({ requester, timeoutMs: 8_000, retry: { maxRetries: 1, baseDelayMs: 300, maxRetryAfterMs: 3_000 } })
  try {
    const held = await client.myPermissions(['ADMINISTER'])
    return held.ADMINISTER ? 'admin' : 'not_admin'
  } catch (error) {
    if (isJiraError(error, 'bad_credentials') || isJiraError(error, 'forbidden')) return 'not_admin'
    return 'unknown'
  }
}
