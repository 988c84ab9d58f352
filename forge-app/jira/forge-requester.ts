/**
 * @module
 * The shared Jira client's `Requester` port over Forge's `requestJira`: the same read-only client
 * the portal uses with Basic auth runs here as the app (`asApp`, the only identity a web trigger
 * has) or as the user of the admin page (`asUser`).
 */
import { asApp, asUser, assumeTrustedRoute } from '@forge/api'
import type { Requester } from '../../shared/jira/requester.js'

export type ForgeIdentity = 'app' | 'user'

/**
 * Paths come from the shared client, which builds them from fixed templates and
 * `URLSearchParams` and lets only read-only requests through (shared/jira/read-only.ts), so they
 * are trusted as routes here rather than rebuilt with `route`.
 */
export function forgeRequester(identity: ForgeIdentity): Requester {
  return (path, init) => {
    const product = identity === 'app' ? asApp() : asUser()
    return product.requestJira(assumeTrustedRoute(path), {
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    })
  }
}
