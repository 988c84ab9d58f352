// The pages' stylesheet and scripts: static files served from 'self', versioned by content so they can be cached.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
}

/** Every file under `assets/` the pages use, in the order scripts load. */
export const ASSET_FILES = ['portal.css', 'dialogs.js', 'busy-forms.js', 'live-search.js', 'project-picker.js', 'menus.js', 'copy-buttons.js'] as const
export type AssetFile = (typeof ASSET_FILES)[number]

interface Asset {
  body: string
  type: string
  version: string
}

// Read once: they are part of the code, not data, and change only with a deploy.
let loaded: Map<string, Asset> | undefined
function assets(): Map<string, Asset> {
  loaded ??= new Map(
    ASSET_FILES.map((name) => {
      const body = readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8')
      const version = createHash('sha256').update(body).digest('hex').slice(0, 12)
      return [name, { body, type: TYPES[name.split('.').pop()!]!, version }]
    }),
  )
  return loaded
}

/** `/assets/portal.css?v=…`: a new version is a new URL, so browsers may keep each one for a year. */
export function assetUrl(name: AssetFile): string {
  return `/assets/${name}?v=${assets().get(name)!.version}`
}

export function addAssetRoutes(router: Hono<AppEnv>): void {
  router.get('/assets/:name', (c) => {
    const asset = assets().get(c.req.param('name'))
    if (!asset) return c.notFound()
    c.header('Content-Type', asset.type)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Cache-Control', c.req.query('v') === asset.version ? 'public, max-age=31536000, immutable' : 'no-cache')
    return c.body(asset.body)
  })
}
