// One-shot messages carried across a POST/redirect/GET in a short-lived cookie.
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../http/app-env.js'

const FLASH_COOKIE = 'pb_flash'

export interface Flash {
  kind: 'success' | 'error' | 'info'
  text: string
  /** Specifics under the sentence, e.g. the epics an unlink took with it. */
  items?: string[]
}

// Browsers refuse cookies over ~4 KB; a long list is cut rather than lost with the whole message.
const MAX_ITEMS = 25

export function setFlash(c: Context<AppEnv>, flash: Flash): void {
  const items = flash.items && flash.items.length > MAX_ITEMS
    ? [...flash.items.slice(0, MAX_ITEMS), `…and ${flash.items.length - MAX_ITEMS} more`]
    : flash.items
  const value = Buffer.from(JSON.stringify({ ...flash, items }), 'utf8').toString('base64url')
  setCookie(c, FLASH_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.secureCookies,
    maxAge: 60,
  })
}

/** The pending message, if any; it is shown once. Rendered as text, so a forged cookie is harmless. */
export function takeFlash(c: Context<AppEnv>): Flash | null {
  const value = getCookie(c, FLASH_COOKIE)
  if (!value) return null
  deleteCookie(c, FLASH_COOKIE, { path: '/', secure: c.get('deps').config.secureCookies })
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Flash>
    if (typeof parsed.text !== 'string') return null
    const kind = parsed.kind === 'error' || parsed.kind === 'info' ? parsed.kind : 'success'
    const items = Array.isArray(parsed.items) ? parsed.items.filter((i): i is string => typeof i === 'string') : undefined
    return { kind, text: parsed.text, ...(items ? { items } : {}) }
  } catch {
    return null
  }
}

/** POST/redirect/GET: 303 so the browser follows with a GET, with an optional message. */
export function redirectWith(c: Context<AppEnv>, location: string, flash?: Flash): Response {
  if (flash) setFlash(c, flash)
  return c.redirect(location, 303)
}
