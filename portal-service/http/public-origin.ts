// The portal's origin as Jira and the Forge app must reach it: PORTAL_PUBLIC_URL, else what the caller used.
import type { AppDeps } from './app-env.js'

interface RequestLike {
  get(key: 'deps'): AppDeps
  req: { url: string; header(name: string): string | undefined }
}

/** PORTAL_PUBLIC_URL when set; else the origin the manager reached the portal at (the proxy's, when trusted). */
export function publicOrigin(c: RequestLike): string {
  const { publicUrl, trustProxy } = c.get('deps').config
  if (publicUrl) return publicUrl.origin
  const url = new URL(c.req.url)
  if (trustProxy) {
    const host = c.req.header('X-Forwarded-Host')?.split(',')[0]?.trim()
    const proto = c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim()
    if (host && /^[\w.-]+(:\d+)?$/.test(host)) return `${proto === 'https' ? 'https' : url.protocol.slice(0, -1)}://${host}`
  }
  return url.origin
}
