/**
 * @module
 * Reads an image (a project's icon) from a portfolio's Jira site so that the portal can serve
 * it itself: only from the connected site's origin, only Jira's avatar paths, only image types,
 * at most 256 KB, through the same address guard as every Jira request.
 */
import { basicAuthorization } from '../../shared/jira/requester.js'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { credentialContext, type JiraAccess } from './connection-source.js'
import * as connectionRepository from './jira-connection.repository.js'
import { createSafeFetch, type SafeFetch } from './safe-fetch.js'

export interface JiraImage {
  contentType: string
  body: Uint8Array
}

/** Raster types browsers render as images, and SVG (the caller must serve it sandboxed). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'] as const
export const MAX_IMAGE_BYTES = 256 * 1024

// Where Jira Cloud serves project, user and issue-type icons.
const AVATAR_PATH = /^\/(rest\/api\/[23]\/universal_avatar\/view\/type\/(project|user|issuetype)\/|secure\/projectavatar)/

// One client per Jira access (so per app), with small answers: it keeps connections alive.
const clients = new WeakMap<JiraAccess, SafeFetch>()
function clientFor(access: JiraAccess): SafeFetch {
  let client = clients.get(access)
  if (!client) {
    client = createSafeFetch({ allowInsecure: access.allowInsecure, maxBodyBytes: MAX_IMAGE_BYTES, maxRedirects: 2 })
    clients.set(access, client)
  }
  return client
}

/** Whether `src` names an avatar on the connected site (the only images the portal will fetch). */
export function isSiteAvatar(siteUrl: string, src: string): boolean {
  try {
    const url = new URL(src)
    return url.origin === new URL(siteUrl).origin && AVATAR_PATH.test(url.pathname) && !url.username && !url.password
  } catch {
    return false
  }
}

/**
 * The image at `src`, or null when the portfolio has no connection, `src` is not an avatar of
 * its site, or Jira does not answer with an allowed image. The account's credentials go along
 * (custom avatars need them) unless the token only works through the API gateway.
 */
export async function fetchSiteAvatar(deps: { db: Kysely<Database>; jira: JiraAccess }, portfolioId: string, src: string): Promise<JiraImage | null> {
  const connection = await connectionRepository.findConnection(deps.db, portfolioId)
  if (!connection || !isSiteAvatar(connection.siteUrl, src)) return null
  const headers: Record<string, string> = { Accept: IMAGE_TYPES.join(', ') }
  if (connection.mode === 'api_token' && connection.authRoute === 'site' && connection.accountEmail) {
    const token = deps.jira.box.open(connection.credentialSealed, credentialContext(portfolioId))
    headers.Authorization = basicAuthorization(connection.accountEmail, token)
  }
  try {
    const response = await clientFor(deps.jira)(src, { method: 'GET', headers, signal: AbortSignal.timeout(5000) })
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''
    if (response.status !== 200 || !(IMAGE_TYPES as readonly string[]).includes(contentType)) return null
    return { contentType, body: await response.bytes() }
  } catch {
    return null
  }
}
