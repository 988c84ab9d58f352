// Users as Jira renders them: the full `/myself` answer, and the shorter form inside issue fields.
import type { SandboxAccount } from '../types.js'
import { userAvatarUrls, type Links } from './links.js'

export function myselfJson(account: SandboxAccount, links: Links) {
  return {
    self: `${links.api}/rest/api/3/user?accountId=${encodeURIComponent(account.accountId)}`,
    accountId: account.accountId,
    accountType: 'atlassian',
    emailAddress: account.email,
    avatarUrls: userAvatarUrls(links, account.accountId),
    displayName: account.displayName,
    active: true,
    timeZone: account.timeZone,
    locale: 'en_US',
    groups: { size: account.visibleProjects === 'all' ? 3 : 1, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  }
}

export function userFieldJson(account: SandboxAccount | undefined, links: Links) {
  if (!account) return null
  return {
    self: `${links.api}/rest/api/3/user?accountId=${encodeURIComponent(account.accountId)}`,
    accountId: account.accountId,
    emailAddress: account.email,
    avatarUrls: userAvatarUrls(links, account.accountId),
    displayName: account.displayName,
    active: true,
    timeZone: account.timeZone,
    accountType: 'atlassian',
  }
}
