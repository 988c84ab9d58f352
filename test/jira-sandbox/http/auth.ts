// HTTP Basic `email:token` as Jira Cloud checks it. Classic tokens work on the site URL; scoped tokens
// work only through the gateway path `/ex/jira/{cloudId}`, and give the same 401 as a wrong token elsewhere.
import type { AccountRegistry } from '../model/account-registry.js'
import type { SandboxAccount } from '../types.js'

export type AuthOutcome =
  { kind: 'anonymous' } | { kind: 'account'; account: SandboxAccount } | { kind: 'rejected' }

export interface Credentials {
  outcome: AuthOutcome
  /** The email the request claimed, right or wrong (for the request log). */
  claimedEmail?: string
}

export function authenticate(
  header: string | undefined,
  accounts: AccountRegistry,
  viaGateway: boolean,
): Credentials {
  // The gateway never lets anonymous calls through.
  if (!header) return { outcome: viaGateway ? { kind: 'rejected' } : { kind: 'anonymous' } }
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
  if (!match) return { outcome: { kind: 'rejected' } }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return { outcome: { kind: 'rejected' } }
  const email = decoded.slice(0, colon)
  const token = decoded.slice(colon + 1)
  const account = accounts.get(email)
  const valid =
    account !== undefined &&
    !account.revoked &&
    account.token === token &&
    account.scopedToken === viaGateway
  return {
    outcome: valid ? { kind: 'account', account } : { kind: 'rejected' },
    claimedEmail: email,
  }
}
