// The site's users: each can authenticate with Basic email:token and sees 'all' or a list of projects.
import type { NewAccount, SandboxAccount } from '../types.js'
import { hash32, stableAccountId } from './random.js'

export class AccountRegistry {
  private readonly byEmail = new Map<string, SandboxAccount>()
  private readonly byId = new Map<string, SandboxAccount>()

  add(input: NewAccount): SandboxAccount {
    const email = input.email.trim()
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`Not an email address: '${input.email}'`)
    if (this.byEmail.has(email.toLowerCase()))
      throw new Error(`An account for '${email}' exists already`)
    const account: SandboxAccount = {
      accountId: stableAccountId(email),
      email,
      displayName: input.displayName ?? displayNameFrom(email),
      token: input.token ?? `ATATT-sandbox-${hash32(`token:${email.toLowerCase()}`).toString(36)}`,
      timeZone: input.timeZone ?? 'UTC',
      visibleProjects:
        input.visibleProjects === undefined || input.visibleProjects === 'all'
          ? 'all'
          : [...input.visibleProjects],
      revoked: false,
      scopedToken: input.scopedToken ?? false,
      siteAdmin: input.siteAdmin ?? false,
    }
    this.byEmail.set(email.toLowerCase(), account)
    this.byId.set(account.accountId, account)
    return account
  }

  get(email: string): SandboxAccount | undefined {
    return this.byEmail.get(email.trim().toLowerCase())
  }

  require(email: string): SandboxAccount {
    const account = this.get(email)
    if (!account) throw new Error(`No account for '${email}'`)
    return account
  }

  byAccountId(accountId: string): SandboxAccount | undefined {
    return this.byId.get(accountId)
  }

  all(): SandboxAccount[] {
    return [...this.byEmail.values()]
  }

  /** Visible-project lists hold keys, so they follow a project key change. */
  renameProjectKey(oldKey: string, newKey: string): void {
    for (const account of this.byEmail.values()) {
      if (account.visibleProjects === 'all') continue
      account.visibleProjects = account.visibleProjects.map((key) =>
        key === oldKey ? newKey : key,
      )
    }
  }
}

function displayNameFrom(email: string): string {
  const local = email.split('@')[0] ?? email
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ')
}
