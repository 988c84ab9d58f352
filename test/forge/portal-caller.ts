/**
 * @module
 * Calls the web trigger handler in-process as the portal would, through the emulated Forge
 * platform: a signed POST of a contract request, and the answer parsed back.
 */
import { handlePortalRequest } from '../../forge-app/index.js'
import { invokeWebTrigger, type WebTriggerCall } from '../../forge-app/local/invoke.js'
import { signRequest } from '../../shared/contract/signing.js'

export interface SignOptions {
  secret: string
  now?: number
  requestId?: string
}

/** A request signed with `secret`; `body` is a contract request object or raw text. */
export async function signedCall(body: object | string, options: SignOptions): Promise<WebTriggerCall> {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const headers = await signRequest(options.secret, text, {
    now: options.now ?? Date.now(),
    ...(options.requestId ? { requestId: options.requestId } : {}),
  })
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: text }
}

export interface TriggerAnswer {
  status: number
  headers: Record<string, string[]> | undefined
  body: any
}

/** Invokes the handler as Forge would, with the site's install context. */
export async function callWebTrigger(call: WebTriggerCall, cloudId = 'local'): Promise<TriggerAnswer> {
  const response = await invokeWebTrigger(handlePortalRequest, call, { installContext: `ari:cloud:jira::site/${cloudId}` })
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body ?? 'null') }
}
