/**
 * @module
 * What the client may send to Jira: GET requests and the read-only POST endpoints, nothing
 * else. Every request passes through `readOnlyRequest`, so a write cannot be expressed in
 * the types and is refused at run time as well (DESIGN.md: "Nothing is ever written to Jira").
 */

/** POST endpoints that only read: the enhanced JQL search and bulk fetch of issues by id. */
export const READ_ONLY_POST_PATHS = ['/rest/api/3/search/jql', '/rest/api/3/issue/bulkfetch'] as const

export type ReadOnlyPostPath = (typeof READ_ONLY_POST_PATHS)[number]

export type ReadRequest =
  | { method: 'GET'; path: string }
  | { method: 'POST'; path: ReadOnlyPostPath; body: unknown }

export class WriteRefusedError extends Error {
  constructor(method: string, path: string) {
    super(`Refused to send ${method} ${path}: Portfolio Bridge only reads from Jira`)
    this.name = 'WriteRefusedError'
  }
}

function isReadOnlyPost(path: string): path is ReadOnlyPostPath {
  return (READ_ONLY_POST_PATHS as readonly string[]).includes(path)
}

/**
 * Checks a request before it leaves: GET anywhere under the REST API or the tenant-info
 * endpoint, POST only to the read-only search endpoints (matched on the path without query).
 * @throws WriteRefusedError for anything else, whatever the static types said.
 */
export function readOnlyRequest(request: ReadRequest): ReadRequest {
  const method = String(request.method).toUpperCase()
  const path = request.path.split('?')[0] ?? ''
  const underApi = path.startsWith('/rest/api/3/') || path === '/_edge/tenant_info'
  if (!underApi || path.includes('..')) throw new WriteRefusedError(method, request.path)
  if (method === 'GET') return request
  if (method === 'POST' && isReadOnlyPost(path) && request.path === path) return request
  throw new WriteRefusedError(method, request.path)
}
