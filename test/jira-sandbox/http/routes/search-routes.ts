// Issue search: `GET|POST /search/jql` (token paging, no total), `POST /search/approximate-count`,
// and the removed `/search`, which answers 410 Gone like Jira Cloud since 2025.
import { UNBOUNDED_MESSAGE } from '../../jql/jql-engine.js'
import { valueFieldIds } from '../../render/field-catalog.js'
import { selectFields } from '../../render/field-selection.js'
import { issueJson } from '../../render/issue-json.js'
import { decodePageToken, encodePageToken } from '../page-token.js'
import { INVALID_PAYLOAD, jiraError, jqlErrors, json, type Reply } from '../reply.js'
import { intParam, type JiraRequest, type Route, type Services } from '../route.js'

// Jira's page holds up to 5000 issues when only ids or keys are asked for, else about 100.
const ID_ONLY_PAGE = 5000
const FIELDS_PAGE = 100
const MAX_RECONCILE = 50

export const REMOVED_SEARCH_MESSAGE =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046'

export const searchRoutes: Route[] = [
  {
    methods: ['GET', 'POST'],
    pattern: /^\/rest\/api\/3\/search\/jql$/,
    auth: 'optional',
    handle: searchJql,
  },
  {
    methods: ['POST'],
    pattern: /^\/rest\/api\/3\/search\/approximate-count$/,
    auth: 'optional',
    handle(req, { store, engine }) {
      if (req.bodyInvalid) return jiraError(400, [INVALID_PAYLOAD])
      const body = (req.body ?? {}) as { jql?: unknown }
      const jql = typeof body.jql === 'string' ? body.jql : ''
      if (jql.trim() === '') return jqlErrors([UNBOUNDED_MESSAGE])
      const outcome = engine.count({ jql, account: req.account, now: store.now() })
      return outcome.ok ? json(200, { count: outcome.count }) : jqlErrors(outcome.errors)
    },
  },
  {
    methods: ['GET', 'POST'],
    pattern: /^\/rest\/api\/[23]\/search$/,
    auth: 'optional',
    handle: () => jiraError(410, [REMOVED_SEARCH_MESSAGE]),
  },
]

interface SearchParams {
  jql: string
  fields: string[] | undefined
  maxResults: number
  nextPageToken: string | undefined
  reconcile: number[]
}

function readParams(req: JiraRequest): SearchParams | Reply {
  if (req.method === 'GET') {
    const q = req.query
    const fields = q.getAll('fields')
    return {
      jql: q.get('jql') ?? '',
      fields: fields.length > 0 ? fields : undefined,
      maxResults: intParam(q.get('maxResults'), 50),
      nextPageToken: q.get('nextPageToken') ?? undefined,
      reconcile: q
        .getAll('reconcileIssues')
        .flatMap((v) => v.split(','))
        .filter(Boolean)
        .map(Number),
    }
  }
  if (
    req.bodyInvalid ||
    (req.body !== undefined &&
      (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)))
  ) {
    return jiraError(400, [INVALID_PAYLOAD])
  }
  const body = (req.body ?? {}) as Record<string, unknown>
  const fields = Array.isArray(body.fields)
    ? body.fields.map(String)
    : typeof body.fields === 'string'
      ? [body.fields]
      : undefined
  return {
    jql: typeof body.jql === 'string' ? body.jql : '',
    fields,
    maxResults: intParam(body.maxResults, 50),
    nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
    reconcile: Array.isArray(body.reconcileIssues) ? body.reconcileIssues.map(Number) : [],
  }
}

function searchJql(req: JiraRequest, { store, engine }: Services): Reply {
  const params = readParams(req)
  if ('status' in params) return params
  if (params.reconcile.some((id) => !Number.isInteger(id))) return jiraError(400, [INVALID_PAYLOAD])
  if (params.reconcile.length > MAX_RECONCILE)
    return jiraError(400, [`reconcileIssues accepts at most ${MAX_RECONCILE} issue ids.`])
  const caller = req.account?.email ?? ''
  let offset = 0
  let now = store.now()
  if (params.nextPageToken !== undefined) {
    const token = decodePageToken(params.nextPageToken, params.jql, caller)
    if (!token) return jiraError(400, ['The provided nextPageToken is invalid or has expired.'])
    offset = token.offset
    now = token.now
  }
  const outcome = engine.search({
    jql: params.jql,
    account: req.account,
    now,
    reconcile: params.reconcile,
  })
  if (!outcome.ok) return jqlErrors(outcome.errors)

  const selection = selectFields(params.fields, 'id', valueFieldIds(store.storyPointsEnabled))
  const cap = selection.ids.size === 0 ? ID_ONLY_PAGE : FIELDS_PAGE
  const limit = Math.min(params.maxResults > 0 ? params.maxResults : 50, cap)
  const page = outcome.records.slice(offset, offset + limit)
  const isLast = offset + page.length >= outcome.records.length
  const ctx = {
    store,
    links: req.links,
    timeZone: req.account?.timeZone ?? 'UTC',
    index: store.searchIndex(),
  }
  const issues = page.map((r) => issueJson(r, selection, ctx)).filter((i) => i !== undefined)
  return json(200, {
    issues,
    ...(isLast
      ? {}
      : {
          nextPageToken: encodePageToken({ offset: offset + page.length, now }, params.jql, caller),
        }),
    isLast,
  })
}
