/**
 * @module
 * The page's side of the admin resolvers: typed calls through `@forge/bridge`'s `invoke`, with
 * the resolver envelope passed through and a failed invocation (network, platform, a bug on the
 * backend) folded into the same `ok: false` shape so every component handles one kind of failure.
 */
import { makeInvoke } from '@forge/bridge'
import type { DefArguments, DefResult } from '@forge/resolver/shared'
import type { AdminDefinitions } from '../resolvers/definitions.js'

const invokeAdmin = makeInvoke<AdminDefinitions>()

export type AdminCall = keyof AdminDefinitions & string

export type AdminAnswer<K extends AdminCall> = DefResult<AdminDefinitions, K> | { ok: false; error: { code: 'failed'; message: string } }

export async function callAdmin<K extends AdminCall>(call: K, ...payload: DefArguments<AdminDefinitions, K>): Promise<AdminAnswer<K>> {
  try {
    return await invokeAdmin(call, ...payload)
  } catch {
    return { ok: false, error: { code: 'failed', message: 'The app did not answer. Reload the page and try again.' } }
  }
}
