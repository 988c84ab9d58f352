// Finds the route for a Jira path; a known path with the wrong method is a 405, like Jira.
import type { Route } from './route.js'
import { accountRoutes } from './routes/account-routes.js'
import { issueRoutes } from './routes/issue-routes.js'
import { metadataRoutes } from './routes/metadata-routes.js'
import { pageRoutes } from './routes/page-routes.js'
import { permissionRoutes } from './routes/permission-routes.js'
import { projectRoutes } from './routes/project-routes.js'
import { searchRoutes } from './routes/search-routes.js'

// Order matters: `/project/search` before `/project/{key}`.
const ROUTES: Route[] = [
  ...accountRoutes,
  ...projectRoutes,
  ...metadataRoutes,
  ...searchRoutes,
  ...issueRoutes,
  ...permissionRoutes,
  ...pageRoutes,
]

export type RouteMatch = { route: Route; params: string[] } | { allowed: string[] } | undefined

export function findRoute(method: string, path: string): RouteMatch {
  const wanted = method === 'HEAD' ? 'GET' : method
  const allowed: string[] = []
  for (const route of ROUTES) {
    const match = route.pattern.exec(path)
    if (!match) continue
    if (route.methods.includes(wanted)) return { route, params: match.slice(1) }
    allowed.push(...route.methods)
  }
  return allowed.length > 0 ? { allowed: [...new Set(allowed)] } : undefined
}
