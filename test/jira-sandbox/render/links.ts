// Where rendered URLs point: `self` links follow the address the caller used (site or gateway),
// images always point at the site, which serves them without authentication.

export interface Links {
  /** Base for `self` links: the site URL, or `{site}/ex/jira/{cloudId}` for gateway calls. */
  api: string
  /** The site URL. */
  site: string
}

const SIZES = { '16x16': 'xsmall', '24x24': 'small', '32x32': 'medium', '48x48': null } as const

export type AvatarUrls = Record<keyof typeof SIZES, string>

export function avatarUrls(base: string): AvatarUrls {
  const urls = {} as AvatarUrls
  for (const [dimension, size] of Object.entries(SIZES) as [keyof typeof SIZES, string | null][]) {
    urls[dimension] = size === null ? base : `${base}?size=${size}`
  }
  return urls
}

export function projectAvatarUrls(links: Links, avatarId: number): AvatarUrls {
  return avatarUrls(
    `${links.site}/rest/api/3/universal_avatar/view/type/project/avatar/${avatarId}`,
  )
}

export function userAvatarUrls(links: Links, accountId: string): AvatarUrls {
  return avatarUrls(
    `${links.site}/rest/api/3/universal_avatar/view/type/user/owner/${encodeURIComponent(accountId)}`,
  )
}

/** Jira still serves issue type icons from the v2 path in v3 answers. */
export function issueTypeIconUrl(links: Links, avatarId: number): string {
  return `${links.site}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${avatarId}?size=medium`
}
