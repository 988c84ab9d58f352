/**
 * @module
 * Whether the caller of an admin-page resolver is a Jira administrator. The page only shows to
 * admins, but a resolver can be invoked with a crafted request, and these resolvers hand out the
 * portal secret: so each one asks Jira, as the user, and refuses unless Jira says yes.
 * TODO(lead): move this read into the shared JiraClient (`myPermissions`) so every Jira call
 * goes through it; it already passes the client's read-only gate.
 */
import { z } from 'zod'
import { readOnlyRequest } from '../../shared/jira/read-only.js'
import type { Requester } from '../../shared/jira/requester.js'

const MY_PERMISSIONS_PATH = '/rest/api/3/mypermissions?permissions=ADMINISTER'

const myPermissionsSchema = z.looseObject({
  permissions: z.looseObject({
    ADMINISTER: z.looseObject({ havePermission: z.boolean() }),
  }),
})

export type AdminCheck = 'admin' | 'not_admin' | 'unknown'

/**
 * `admin` only on a 200 that says so; `not_admin` when Jira says no or refuses the user;
 * `unknown` when Jira could not answer (the caller must refuse too: fail closed).
 */
export async function checkJiraAdmin(requester: Requester): Promise<AdminCheck> {
  const request = readOnlyRequest({ method: 'GET', path: MY_PERMISSIONS_PATH })
  let response
  try {
    response = await requester(request.path, { method: 'GET', headers: { Accept: 'application/json' } })
  } catch {
    return 'unknown'
  }
  if (response.status === 401 || response.status === 403) return 'not_admin'
  if (response.status !== 200) return 'unknown'
  let json: unknown
  try {
    json = JSON.parse(await response.text())
  } catch {
    return 'unknown'
  }
  const parsed = myPermissionsSchema.safeParse(json)
  if (!parsed.success) return 'unknown'
  return parsed.data.permissions.ADMINISTER.havePermission ? 'admin' : 'not_admin'
}
