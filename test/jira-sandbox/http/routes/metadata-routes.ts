// Site metadata: `GET /field` (system and custom fields with their schema) and `GET /issuetype`
// (the types the caller can see: global ones, plus the own types of visible team-managed projects).
import { visibleProjects } from '../../jql/matcher.js'
import { fieldListJson } from '../../render/field-catalog.js'
import { issueTypeJson } from '../../render/issue-type-json.js'
import { json } from '../reply.js'
import type { Route } from '../route.js'

export const metadataRoutes: Route[] = [
  {
    methods: ['GET'],
    pattern: /^\/rest\/api\/3\/field$/,
    auth: 'optional',
    handle: (_req, { store }) => json(200, fieldListJson(store.storyPointsEnabled)),
  },
  {
    methods: ['GET'],
    pattern: /^\/rest\/api\/3\/issuetype$/,
    auth: 'optional',
    handle(req, { store }) {
      const visible = visibleProjects(store, req.account)
      const seesAny = visible.all ? store.projectRegistry.size > 0 : visible.ids.size > 0
      const types = [...store.projectRegistry.types.values()].filter((t) =>
        t.scopeProjectId === null ? seesAny : visible.has(t.scopeProjectId),
      )
      return json(
        200,
        types.map((t) => issueTypeJson(t, req.links)),
      )
    },
  },
]
