/**
 * @module
 * The web trigger's answer envelopes. Success is `{ok: true, data}`; a failed operation is
 * `{ok: false, error: {kind, message, retryAfterMs?, jiraMessages?}}` with a `JiraFailureKind` (so the portal
 * rebuilds the same `JiraError` it would have met talking to Jira itself) or `not_allowed` (a
 * project the Jira admin did not put on the allow-list); a request refused before any operation
 * ran (signature, shape, method) is `{ok: false, error: {code, message, reason?}}`.
 */
import { z } from 'zod'
import { JIRA_FAILURE_KINDS } from '../jira/errors.js'
import { OPERATIONS, type OperationName } from './operations.js'

export const PORTAL_FAILURE_KINDS = [...JIRA_FAILURE_KINDS, 'not_allowed'] as const
export type PortalFailureKind = (typeof PORTAL_FAILURE_KINDS)[number]

export const operationFailureSchema = z.object({
  ok: z.literal(false),
  error: z.object({
    kind: z.enum(PORTAL_FAILURE_KINDS),
    message: z.string(),
    /** How long Jira asked to wait, when it was rate limiting. */
    retryAfterMs: z.number().int().nonnegative().optional(),
    /** Jira's own words (`errorMessages`), which callers match on, e.g. an issue that "does not exist". */
    jiraMessages: z.array(z.string()).max(50).optional(),
  }),
})
export type OperationFailure = z.infer<typeof operationFailureSchema>

/** Why a request never reached an operation. */
export const REFUSAL_CODES = ['unauthorized', 'invalid_request', 'method_not_allowed'] as const
export type RefusalCode = (typeof REFUSAL_CODES)[number]

export const refusalSchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.enum(REFUSAL_CODES),
    message: z.string(),
    /** For `unauthorized`: which check failed (`missing`, `stale`, `bad_signature`, `replayed`). */
    reason: z.string().optional(),
  }),
})
export type Refusal = z.infer<typeof refusalSchema>

/** The schema of a successful answer to `operation`. */
export function successSchema<K extends OperationName>(operation: K) {
  return z.object({ ok: z.literal(true), data: OPERATIONS[operation].response })
}

/**
 * The HTTP status a failure travels with: 403 for a refusal by the allow-list, 502 for Jira's
 * failures (the app is a gateway to Jira). The portal reads the body, not the status.
 */
export function failureStatus(kind: PortalFailureKind): number {
  return kind === 'not_allowed' ? 403 : 502
}
