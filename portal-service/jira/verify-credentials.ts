/**
 * @module
 * Checks a site URL, account email and API token against Jira without saving anything.
 * `/myself` comes first because searches answer anonymous callers with 200 and nothing in
 * them. A 401 from the site may be a scoped token, which only works through the API gateway:
 * that is tried before the token is called wrong (DESIGN.md, "Jira facts").
 */
import { isJiraError } from '../../shared/jira/errors.js'
import type { JiraAccount } from '../../shared/jira/records.js'
import { ApiError } from '../http/errors.js'
import { createApiTokenSource, type ApiTokenTarget, type JiraTransport } from './api-token-source.js'
import type { AuthRoute } from './jira-connection.table.js'
import { throwJiraFailure } from './jira-api-error.js'
import { normalizeSiteUrl, SiteUrlError } from './site-url.js'

export interface CredentialsInput {
  siteUrl: string
  accountEmail: string
  apiToken: string
}

export interface VerifiedCredentials {
  /** Normalized origin. */
  siteUrl: string
  authRoute: AuthRoute
  cloudId: string | null
  account: JiraAccount
}

/** A person is waiting on a form: one quick retry at most. */
const SETUP_RETRY = { maxRetries: 1, baseDelayMs: 500 }

export function normalizeSiteOrThrow(siteUrl: string, allowInsecure: boolean): string {
  try {
    return normalizeSiteUrl(siteUrl, { allowInsecure })
  } catch (error) {
    if (error instanceof SiteUrlError) throw new ApiError(422, error.code, error.message)
    throw error
  }
}

export async function verifyCredentials(
  input: CredentialsInput,
  transport: JiraTransport,
  options: { allowInsecure: boolean },
): Promise<VerifiedCredentials> {
  const siteUrl = normalizeSiteOrThrow(input.siteUrl, options.allowInsecure)
  const target: ApiTokenTarget = {
    siteUrl,
    authRoute: 'site',
    cloudId: null,
    accountEmail: input.accountEmail.trim(),
    apiToken: input.apiToken.trim(),
  }
  const direct = createApiTokenSource(target, transport, { retry: SETUP_RETRY })
  try {
    return { siteUrl, authRoute: 'site', cloudId: null, account: await direct.account() }
  } catch (error) {
    if (!isJiraError(error, 'bad_credentials')) throwJiraFailure(error, 'setup', siteUrl)
    const viaGateway = await tryGateway(target, transport, direct)
    if (viaGateway) return { siteUrl, ...viaGateway }
    throwJiraFailure(error, 'setup', siteUrl)
  }
}

async function tryGateway(
  target: ApiTokenTarget,
  transport: JiraTransport,
  direct: ReturnType<typeof createApiTokenSource>,
): Promise<{ authRoute: AuthRoute; cloudId: string; account: JiraAccount } | null> {
  try {
    const { cloudId } = await direct.client.tenantInfo()
    const gateway = createApiTokenSource({ ...target, authRoute: 'gateway', cloudId }, transport, { retry: SETUP_RETRY })
    return { authRoute: 'gateway', cloudId, account: await gateway.account() }
  } catch {
    // The site has no tenant info or the gateway refuses too: the token is wrong.
    return null
  }
}
