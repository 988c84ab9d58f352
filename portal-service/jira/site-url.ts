/**
 * @module
 * Normalizes the Jira site URL a manager types: people paste board or issue links, so only
 * the origin is kept; `https://` is required unless the deployment allows otherwise.
 */

export type SiteUrlProblem = 'invalid_site_url' | 'insecure_site_url'

export class SiteUrlError extends Error {
  constructor(
    readonly code: SiteUrlProblem,
    message: string,
  ) {
    super(message)
    this.name = 'SiteUrlError'
  }
}

/**
 * `acme.atlassian.net/jira/boards/1` → `https://acme.atlassian.net`.
 * @throws SiteUrlError when it is not a URL, carries credentials, or is not https.
 */
export function normalizeSiteUrl(input: string, options: { allowInsecure: boolean }): string {
  const trimmed = input.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new SiteUrlError('invalid_site_url', 'Enter the Jira site address, like https://mycompany.atlassian.net')
  }
  if (!url.hostname || url.hostname.length > 253) {
    throw new SiteUrlError('invalid_site_url', 'Enter the Jira site address, like https://mycompany.atlassian.net')
  }
  if (url.username || url.password) {
    throw new SiteUrlError('invalid_site_url', 'The site address must not contain a user name or password')
  }
  if (url.protocol !== 'https:' && !(options.allowInsecure && url.protocol === 'http:')) {
    throw new SiteUrlError('insecure_site_url', 'The Jira site address must start with https://')
  }
  return url.origin
}
