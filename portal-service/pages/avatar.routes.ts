// Project icons from the Jira site, served by the portal itself so the page's CSP can keep img-src to 'self'.
//
// Why a proxy rather than allowing the Jira site's origin in img-src: members without a Jira
// login (viewers, external members) would see broken icons, since custom avatars need Jira
// credentials; the browser would tell the Jira site who looks at the portal and when; and a
// per-response CSP listing sites is easy to get wrong. The proxy fetches only avatar paths of the
// portfolio's own connected site, only for its members, checks the content type against a short
// list of image types, caps the size, and serves SVG under a sandboxing CSP so that opening it
// directly cannot run script in the portal's origin.
import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { fetchSiteAvatar } from '../jira/project-avatar.js'
import { openPortfolio } from './page-context.js'

/** A neutral tile when Jira has no icon for us: never a broken image. */
const PLACEHOLDER = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><rect width="24" height="24" rx="4" fill="#dfe1e6"/><path d="M7 12h10M12 7v10" stroke="#626f86" stroke-width="2"/></svg>'

/** Headers for an image served on the portal's origin from content it did not write. */
export const IMAGE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'",
  'Content-Disposition': 'inline; filename="avatar"',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const

export function createAvatarRoutes(): Hono<AppEnv> {
  const router = new Hono<AppEnv>()
  router.get('/portfolios/:portfolioId/jira/avatar', async (c) => {
    const page = await openPortfolio(c, c.req.param('portfolioId'))
    const image = await fetchSiteAvatar(page.deps, page.portfolio.id, c.req.query('src') ?? '')
    for (const [name, value] of Object.entries(IMAGE_HEADERS)) c.header(name, value)
    if (!image) {
      c.header('Content-Type', 'image/svg+xml')
      c.header('Cache-Control', 'private, max-age=300')
      return c.body(PLACEHOLDER)
    }
    c.header('Content-Type', image.contentType)
    c.header('Cache-Control', 'private, max-age=3600')
    return c.body(image.body as Uint8Array<ArrayBuffer>)
  })
  return router
}
