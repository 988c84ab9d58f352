// What a browser fetches without credentials: avatar images (so the portal can show project icons)
// and a minimal `/browse/{KEY}` page (the stable link to an issue or project).
import { hash32 } from '../../model/random.js'
import { text, type Reply } from '../reply.js'
import type { Route } from '../route.js'

const PIXELS: Record<string, number> = { xsmall: 16, small: 24, medium: 32, large: 48, xlarge: 96 }
const COLOURS = [
  '#0052CC',
  '#00875A',
  '#FF5630',
  '#6554C0',
  '#FFAB00',
  '#00B8D9',
  '#36B37E',
  '#DE350B',
]
const TYPE_COLOURS: Record<number, string> = {
  10307: '#904EE2',
  10315: '#63BA3C',
  10318: '#4BADE8',
  10303: '#E5493A',
  10316: '#4BADE8',
}

export const pageRoutes: Route[] = [
  {
    methods: ['GET'],
    pattern:
      /^\/rest\/api\/[23]\/universal_avatar\/view\/type\/(project|issuetype|user)\/(?:avatar|owner)\/([^/]+)$/,
    auth: 'none',
    handle(req, { store }) {
      const [type, rawId] = req.params as [string, string]
      const id = decodeURIComponent(rawId)
      const size = PIXELS[req.query.get('size') ?? 'large'] ?? 48
      if (type === 'project') {
        const project = store.projectRegistry.byAvatarId(Number(id))
        return svg(size, COLOURS[Number(id) % COLOURS.length]!, project?.key.charAt(0) ?? 'J', 4)
      }
      if (type === 'issuetype') return svg(size, TYPE_COLOURS[Number(id)] ?? '#4BADE8', '', 3)
      const account = store.accountRegistry.byAccountId(id)
      const initials = (account?.displayName ?? '?')
        .split(/\s+/)
        .map((w) => w.charAt(0))
        .join('')
        .slice(0, 2)
      return svg(size, COLOURS[hash32(id) % COLOURS.length]!, initials, size / 2)
    },
  },
  {
    methods: ['GET'],
    pattern: /^\/browse\/([^/]+)$/,
    auth: 'none',
    handle(req, { store }) {
      const key = decodeURIComponent(req.params[0]!)
      const issue = store.issue(key)
      const project = issue ? undefined : store.project(key)
      const title = issue
        ? `${issue.key}: ${issue.summary}`
        : project
          ? `${project.key}: ${project.name}`
          : undefined
      if (!title)
        return text(
          404,
          page('Not found', `Nothing called ${key} on this site.`),
          'text/html;charset=UTF-8',
        )
      const detail = issue ? `${issue.type} · ${issue.status}` : 'Project'
      return text(200, page(title, detail), 'text/html;charset=UTF-8')
    },
  },
]

function svg(size: number, colour: string, label: string, radius: number): Reply {
  const font = Math.round(size * 0.5)
  const body = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    `<rect width="${size}" height="${size}" rx="${radius}" fill="${colour}"/>`,
    label
      ? `<text x="50%" y="50%" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="${font}" fill="#fff">${escapeHtml(label)}</text>`
      : '',
    '</svg>',
  ].join('')
  return {
    status: 200,
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' },
    body,
  }
}

function page(title: string, detail: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Jira sandbox</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></body></html>`
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
