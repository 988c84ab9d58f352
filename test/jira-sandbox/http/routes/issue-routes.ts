// Direct reads, which see changes at once: `POST /issue/bulkfetch` (up to 100 ids or keys, ascending
// id, unknown or invisible ones left out, old keys of moved issues resolved) and `GET /issue/{idOrKey}`.
import type { IssueRecord } from '../../model/records.js'
import { visibleProjects } from '../../jql/matcher.js'
import { valueFieldIds } from '../../render/field-catalog.js'
import { selectFields } from '../../render/field-selection.js'
import { issueJson } from '../../render/issue-json.js'
import { INVALID_PAYLOAD, jiraError, json } from '../reply.js'
import type { Route } from '../route.js'

const MAX_BULK = 100

export const issueRoutes: Route[] = [
  {
    methods: ['POST'],
    pattern: /^\/rest\/api\/3\/issue\/bulkfetch$/,
    auth: 'optional',
    handle(req, { store }) {
      const body = req.body as { issueIdsOrKeys?: unknown; fields?: unknown } | undefined
      if (
        req.bodyInvalid ||
        !body ||
        typeof body !== 'object' ||
        !Array.isArray(body.issueIdsOrKeys)
      ) {
        return jiraError(400, [INVALID_PAYLOAD])
      }
      const wanted = body.issueIdsOrKeys.map(String)
      if (wanted.length === 0) return jiraError(400, ['No issue IDs or keys were provided.'])
      if (wanted.length > MAX_BULK)
        return jiraError(400, [
          `You can request up to ${MAX_BULK} issues; ${wanted.length} were requested.`,
        ])
      const fields = Array.isArray(body.fields)
        ? body.fields.map(String)
        : typeof body.fields === 'string'
          ? [body.fields]
          : undefined
      const visible = visibleProjects(store, req.account)
      const found = new Map<number, IssueRecord>()
      for (const idOrKey of wanted) {
        const record = store.resolveIssue(idOrKey)
        if (record && visible.has(record.projectId)) found.set(record.id, record)
      }
      const selection = selectFields(fields, '*navigable', valueFieldIds(store.storyPointsEnabled))
      const ctx = {
        store,
        links: req.links,
        timeZone: req.account?.timeZone ?? 'UTC',
        index: store.live,
      }
      const issues = [...found.values()]
        .sort((a, b) => a.id - b.id)
        .map((r) => issueJson(r, selection, ctx))
      return json(200, { issues: issues.filter((i) => i !== undefined), issueErrors: [] })
    },
  },
  {
    methods: ['GET'],
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)$/,
    auth: 'optional',
    handle(req, { store }) {
      const record = store.resolveIssue(decodeURIComponent(req.params[0]!))
      if (!record || !visibleProjects(store, req.account).has(record.projectId)) {
        return jiraError(404, ['Issue does not exist or you do not have permission to see it.'])
      }
      const requested = req.query.getAll('fields')
      const selection = selectFields(
        requested.length > 0 ? requested : ['*all'],
        '*navigable',
        valueFieldIds(store.storyPointsEnabled),
      )
      const ctx = {
        store,
        links: req.links,
        timeZone: req.account?.timeZone ?? 'UTC',
        index: store.live,
      }
      return json(200, issueJson(record, selection, ctx) ?? {})
    },
  },
]
