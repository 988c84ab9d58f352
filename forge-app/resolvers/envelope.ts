/**
 * @module
 * The one answer shape of every admin-page resolver — `{ok: true, data}` or
 * `{ok: false, error: {code, message}}` — and the wrapper that gets there: it checks that the
 * caller is a Jira admin, parses the payload with zod (never casts it), and maps the app's own
 * failures to the envelope. Anything else is rethrown so Forge records a failed invocation.
 */
import type { Request } from '@forge/resolver'
import { z } from 'zod'
import { isJiraError } from '../../shared/jira/errors.js'
import { checkJiraAdmin } from '../jira/admin-check.js'
import { NotAllowedError } from '../jira/allowed-scope.js'
import { forgeRequester } from '../jira/forge-requester.js'

export const RESOLVER_ERROR_CODES = [
  'invalid_payload', // the payload failed its schema
  'forbidden', // the caller is not (or could not be confirmed as) a Jira admin
  'jira_unavailable', // Jira did not answer in time or at all; worth retrying
  'jira_refused', // Jira answered with an error that retrying will not fix
  'not_allowed', // the epic or project is not on the allow-list
] as const

export type ResolverErrorCode = (typeof RESOLVER_ERROR_CODES)[number]

export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: { code: ResolverErrorCode; message: string } }

/** A failure the resolver means to report to the page. */
export class ResolverError extends Error {
  readonly code: ResolverErrorCode
  constructor(code: ResolverErrorCode, message: string) {
    super(message)
    this.name = 'ResolverError'
    this.code = code
  }
}

/** What a resolver body gets besides its payload. */
export interface Caller {
  accountId: string
}

const contextSchema = z.looseObject({ accountId: z.string().min(1) })

function failure(code: ResolverErrorCode, message: string): ResolverResult<never> {
  return { ok: false, error: { code, message } }
}

async function requireAdmin(request: Request): Promise<Caller> {
  const context = contextSchema.safeParse(request.context)
  if (!context.success) throw new ResolverError('forbidden', 'This page needs a signed-in Jira administrator.')
  const check = await checkJiraAdmin(forgeRequester('user'))
  if (check === 'unknown') throw new ResolverError('jira_unavailable', 'Jira could not confirm that you are an administrator; try again.')
  if (check !== 'admin') throw new ResolverError('forbidden', 'Only Jira administrators can manage Portfolio Bridge.')
  return { accountId: context.data.accountId }
}

/**
 * An admin-only resolver: `run` gets the parsed payload and the caller and returns the data.
 * @throws whatever `run` throws that is neither a ResolverError nor a JiraError.
 */
export function adminOnly<S extends z.ZodType, T>(
  payloadSchema: S,
  run: (payload: z.output<S>, caller: Caller) => Promise<T>,
): (request: Request) => Promise<ResolverResult<T>> {
  return async (request) => {
    try {
      const caller = await requireAdmin(request)
      const payload = payloadSchema.safeParse(request.payload)
      if (!payload.success) {
        const issue = payload.error.issues[0]
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
        return failure('invalid_payload', `${where}${issue?.message ?? 'invalid payload'}`)
      }
      return { ok: true, data: await run(payload.data, caller) }
    } catch (error) {
      if (error instanceof ResolverError) return failure(error.code, error.message)
      if (error instanceof NotAllowedError) return failure('not_allowed', error.message)
      if (isJiraError(error)) return failure(error.transient || error.kind === 'unreachable' ? 'jira_unavailable' : 'jira_refused', error.message)
      throw error
    }
  }
}

/** For resolvers that take no payload: `invoke('x')` sends `{}` (or nothing, which Forge turns into `{}`). */
export const noPayload = z.strictObject({})
