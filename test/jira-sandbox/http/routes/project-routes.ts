// Projects: `GET /project/search` (paged, filtered, sorted; only what the caller may see) and
// `GET /project/{projectIdOrKey}`.
import type { ProjectRecord } from '../../model/records.js'
import { projectDetailsJson, projectSearchJson } from '../../render/project-json.js'
import { jiraError, json } from '../reply.js'
import { intParam, type JiraRequest, type Route, type Services } from '../route.js'
import { visibleProjects } from '../../jql/matcher.js'

const MAX_PAGE = 100
const MAX_FILTER_VALUES = 50

export const projectRoutes: Route[] = [
  {
    methods: ['GET'],
    pattern: /^\/rest\/api\/3\/project\/search$/,
    auth: 'optional',
    handle: searchProjects,
  },
  {
    methods: ['GET'],
    pattern: /^\/rest\/api\/3\/project\/([^/]+)$/,
    auth: 'optional',
    handle(req, { store }) {
      const idOrKey = decodeURIComponent(req.params[0]!)
      const project = store.projectRegistry.resolve(idOrKey)
      if (!project || !visibleProjects(store, req.account).has(project.id)) {
        return jiraError(404, [`No project could be found with key '${idOrKey}'.`])
      }
      const lead = store.accountRegistry.all()[0]
      return json(200, projectDetailsJson(project, store.projectRegistry, lead, req.links))
    },
  },
]

function searchProjects(req: JiraRequest, { store }: Services) {
  const q = req.query
  const startAt = Math.max(0, intParam(q.get('startAt'), 0))
  const requested = intParam(q.get('maxResults'), 50)
  // Above 100 Jira quietly uses 100; zero or less would page forever, so it means the default.
  const maxResults = requested > MAX_PAGE ? MAX_PAGE : requested < 1 ? 50 : requested
  const keys = q.getAll('keys').filter(Boolean)
  const ids = q.getAll('id').filter(Boolean)
  if (keys.length > MAX_FILTER_VALUES || ids.length > MAX_FILTER_VALUES) {
    return jiraError(400, [`Up to ${MAX_FILTER_VALUES} project keys or ids can be provided.`])
  }
  const visible = visibleProjects(store, req.account)
  const text = q.get('query')?.toLowerCase()
  const keySet = new Set(keys)
  const idSet = new Set(ids)
  let projects: ProjectRecord[] = []
  const candidates = visible.all
    ? store.projectRegistry.all()
    : [...visible.ids].map((id) => store.projectRegistry.get(id)!)
  for (const project of candidates) {
    if (!visible.has(project.id)) continue
    if (keySet.size > 0 && !keySet.has(project.key)) continue
    if (idSet.size > 0 && !idSet.has(String(project.id))) continue
    if (
      text &&
      !project.key.toLowerCase().includes(text) &&
      !project.name.toLowerCase().includes(text)
    )
      continue
    projects.push(project)
  }
  projects = sortProjects(projects, q.get('orderBy') ?? 'key')
  const page = projects.slice(startAt, startAt + maxResults)
  const isLast = startAt + page.length >= projects.length
  const pageUrl = (from: number) => {
    const params = new URLSearchParams(q)
    params.set('maxResults', String(maxResults))
    params.set('startAt', String(from))
    return `${req.links.api}/rest/api/3/project/search?${params}`
  }
  return json(200, {
    self: pageUrl(startAt),
    ...(isLast ? {} : { nextPage: pageUrl(startAt + maxResults) }),
    maxResults,
    startAt,
    total: projects.length,
    isLast,
    values: page.map((p) => projectSearchJson(p, req.links)),
  })
}

/** `key` and `name` (with +/-) are modelled; other Jira orderings fall back to key. */
function sortProjects(projects: ProjectRecord[], orderBy: string): ProjectRecord[] {
  const descending = orderBy.startsWith('-')
  const field = orderBy.replace(/^[+-]/, '')
  const byKey = (a: ProjectRecord, b: ProjectRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  const compare =
    field === 'name'
      ? (a: ProjectRecord, b: ProjectRecord) =>
          a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || byKey(a, b)
      : byKey
  projects.sort(compare)
  return descending ? projects.reverse() : projects
}
