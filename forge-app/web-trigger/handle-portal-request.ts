/**
 * @module
 * The web trigger the portal calls. Web triggers are public URLs (Forge adds no authentication),
 * so before anything else the request must carry a valid signature from the portal secret, inside
 * the 5-minute window, with a request id not seen before: otherwise 401, with no Jira call and no
 * allow-list read. Only then is the body parsed with the contract's schema and the operation run.
 */
import type { WebTriggerResponse } from '@forge/api'
import { z } from 'zod'
import type { Refusal } from '../../shared/contract/answers.js'
import { portalRequestSchema } from '../../shared/contract/operations.js'
import { verifyRequest, type VerifyFailure } from '../../shared/contract/signing.js'
import { readPortalSecret } from '../storage/portal-secret.js'
import { kvsReplayGuard } from '../storage/seen-requests.js'
import { runPortalOperation, type InvocationSite } from './portal-operations.js'
import { respond } from './respond.js'

/** The part of Forge's web trigger event we read (docs: Forge "Web trigger events"). */
const webTriggerEventSchema = z.looseObject({
  method: z.string(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  body: z.string().optional(),
})

/** The invocation context we read: the site the app is installed on, as an ARI. */
const contextSchema = z.looseObject({ installContext: z.string().optional() })
const SITE_ARI = /^ari:cloud:jira::site\/([A-Za-z0-9-]{1,64})$/

function siteOf(context: unknown): InvocationSite {
  const parsed = contextSchema.safeParse(context)
  const cloudId = parsed.success ? SITE_ARI.exec(parsed.data.installContext ?? '')?.[1] : undefined
  return { cloudId: cloudId ?? null }
}

function refusal(status: number, error: Refusal['error']): WebTriggerResponse {
  return respond(status, { ok: false, error } satisfies Refusal)
}

const REFUSALS: Record<VerifyFailure, string> = {
  missing: 'The request is not signed: X-PB-Timestamp, X-PB-Signature and X-PB-Request-Id are required.',
  stale: 'The request timestamp is more than 5 minutes away from the app\'s clock.',
  bad_signature: 'The signature does not match: check the secret pasted into the portal.',
  replayed: 'This request id was already used.',
}

function refuse(reason: VerifyFailure): WebTriggerResponse {
  // Shows in `forge logs`: the first place to look when a portal says it cannot connect.
  console.warn(`Refused a portal request: ${reason}`)
  return refusal(401, { code: 'unauthorized', reason, message: REFUSALS[reason] })
}

/** Forge function `portal-request` (manifest.yml), invoked by the `portal-webtrigger` module. */
export async function handlePortalRequest(event: unknown, context?: unknown): Promise<WebTriggerResponse> {
  const parsedEvent = webTriggerEventSchema.safeParse(event)
  if (!parsedEvent.success) return refuse('missing')
  const { method, headers = {}, body = '' } = parsedEvent.data

  const verified = await verifyRequest({
    headers,
    body,
    secret: readPortalSecret,
    replayGuard: kvsReplayGuard(),
  })
  if (!verified.ok) return refuse(verified.reason)

  if (method.toUpperCase() !== 'POST') {
    return refusal(405, { code: 'method_not_allowed', message: 'Send requests with POST.' })
  }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return refusal(400, { code: 'invalid_request', message: 'The body is not JSON.' })
  }
  const request = portalRequestSchema.safeParse(json)
  if (!request.success) {
    const issue = request.error.issues[0]
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    return refusal(400, { code: 'invalid_request', message: `${where}${issue?.message ?? 'invalid request'}` })
  }
  const answer = await runPortalOperation(request.data, siteOf(context))
  return respond(answer.status, answer.body)
}
