// The Jira integration: configure, edit and delete the connection; link and unlink projects; sync.
import { z } from '@hono/zod-openapi'
import { errorResponses } from '../errors.js'
import { portfolioParams } from '../portfolios/portfolios.routes.js'
import { protectedRoute } from '../router.js'
import {
  AvailableProjectsSchema,
  CascadeSchema,
  ConfigureBodySchema,
  ConnectionChangeSchema,
  ConnectionSchema,
  EditBodySchema,
  LinkProjectsResultSchema,
  ProjectKeySchema,
  SyncStatusSchema,
  UnlinkedEpicSchema,
  VerifyBodySchema,
  VerifyResultSchema,
} from './jira.schemas.js'

const tags = ['Jira integration']
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })
const JIRA_ERRORS =
  'Jira failures: 422 `jira_bad_credentials`, `jira_site_not_found`, `jira_site_unreachable`, `not_a_jira_site`, `unsafe_site_url`, `insecure_site_url`, `jira_site_redirects`; 502 `jira_token_rejected`, `jira_unavailable`; 503 `jira_rate_limited` (with Retry-After); 504 `jira_timeout`. Forge mode adds 422 `forge_secret_rejected`, `not_a_forge_web_trigger`, `forge_project_not_allowed`, `invalid_web_trigger_url`, `insecure_web_trigger_url`; 502 `forge_secret_rejected`, `forge_app_not_understood`.'
const MODES =
  'Send `{siteUrl, accountEmail, apiToken}` (API-token mode, the default; `mode: "api_token"` may be omitted) or `{mode: "forge", webTriggerUrl, secret}` (the Forge app: its web trigger URL and secret from its admin page in Jira; checked with a signed ping).'
const jiraFailures = {
  502: json(z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) }), 'Jira failed'),
  503: json(z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) }), 'Jira is rate limiting'),
  504: json(z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) }), 'Jira timed out'),
}

const projectParams = portfolioParams.extend({
  projectKey: ProjectKeySchema.openapi({ param: { name: 'projectKey', in: 'path' } }),
})

export const verifyJira = protectedRoute({
  method: 'post',
  path: '/api/portfolios/{portfolioId}/jira/verify',
  tags,
  summary: 'Check API-token credentials, or a Forge app, against Jira, without saving (managers)',
  description: `${MODES} Answers with the account and the first page of projects it can see (in Forge mode: the projects on the app's allow-list). ${JIRA_ERRORS}`,
  request: { params: portfolioParams, body: body(VerifyBodySchema) },
  responses: { 200: json(VerifyResultSchema, 'The credentials work'), ...errorResponses(400, 401, 403, 404, 422), ...jiraFailures },
})

export const configureJira = protectedRoute({
  method: 'put',
  path: '/api/portfolios/{portfolioId}/jira',
  tags,
  summary: 'Save the Jira connection with its first linked projects (managers)',
  description: `${MODES} At most 20 projects (409 \`project_limit_reached\`). A connection to another site needs \`confirmSiteChange\` (409 \`site_change_requires_confirmation\` lists what would be unlinked); to the same site, 409 \`jira_already_configured\`. 422 \`unknown_projects\` for keys the account cannot see. ${JIRA_ERRORS}`,
  request: { params: portfolioParams, body: body(ConfigureBodySchema) },
  responses: { 201: json(ConnectionChangeSchema, 'Connected'), ...errorResponses(400, 401, 403, 404, 409, 422), ...jiraFailures },
})

export const getJira = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/jira',
  tags,
  summary: 'The Jira connection and its linked projects (any member)',
  description: '404 `jira_not_configured` when the portfolio is not connected. `mode` says how Jira is read; in Forge mode `webTriggerUrl` and `secretHint` are set. The token or secret is never returned.',
  request: { params: portfolioParams },
  responses: { 200: json(ConnectionSchema, 'The connection'), ...errorResponses(401, 404) },
})

export const editJira = protectedRoute({
  method: 'patch',
  path: '/api/portfolios/{portfolioId}/jira',
  tags,
  summary: 'Edit Configuration: rotate the token or the Forge secret, change the account, web trigger URL or site (managers)',
  description: `Checked against Jira (or the Forge app) before it is saved. Send one mode's fields: \`{apiToken?, accountEmail?, siteUrl?}\` or \`{webTriggerUrl?, secret?}\` (\`mode\` may name it); all of the other mode's fields move the connection to it, keeping the links on the same site. A new site deletes the configuration and its links: it needs the full credentials and \`confirmSiteChange\`. ${JIRA_ERRORS}`,
  request: { params: portfolioParams, body: body(EditBodySchema) },
  responses: { 200: json(ConnectionChangeSchema, 'Saved'), ...errorResponses(400, 401, 403, 404, 409, 422), ...jiraFailures },
})

export const previewDeleteJira = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/jira/delete-preview',
  tags,
  summary: 'What deleting the configuration would unlink (managers)',
  request: { params: portfolioParams },
  responses: { 200: json(CascadeSchema, 'Projects and epics that would be unlinked'), ...errorResponses(401, 403, 404) },
})

export const deleteJira = protectedRoute({
  method: 'delete',
  path: '/api/portfolios/{portfolioId}/jira',
  tags,
  summary: 'Delete the configuration: unlinks every project and epic in one transaction (managers)',
  request: { params: portfolioParams },
  responses: { 200: json(CascadeSchema, 'Deleted; what was unlinked'), ...errorResponses(401, 403, 404) },
})

export const availableProjects = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/jira/projects/available',
  tags,
  summary: 'Search the projects the connection can see, marked linked or not (managers)',
  description: `Searched on Jira’s side (key or name), 50 a page. ${JIRA_ERRORS}`,
  request: {
    params: portfolioParams,
    query: z.object({
      query: z.string().trim().max(200).optional(),
      startAt: z.coerce.number().int().min(0).max(1_000_000).optional(),
    }),
  },
  responses: { 200: json(AvailableProjectsSchema, 'A page of projects'), ...errorResponses(400, 401, 403, 404), ...jiraFailures },
})

export const linkProjects = protectedRoute({
  method: 'post',
  path: '/api/portfolios/{portfolioId}/jira/projects',
  tags,
  summary: 'Link Jira projects, all or nothing (managers)',
  description: '409 `project_limit_reached` beyond 20 (nothing is linked); 422 `unknown_projects` for keys the account cannot see.',
  request: {
    params: portfolioParams,
    body: body(z.object({ projectKeys: z.array(ProjectKeySchema).min(1).max(100) })),
  },
  responses: { 200: json(LinkProjectsResultSchema, 'Linked'), ...errorResponses(400, 401, 403, 404, 409, 422), ...jiraFailures },
})

export const previewUnlinkProject = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/jira/projects/{projectKey}/unlink-preview',
  tags,
  summary: 'The epics unlinking this project would unlink (managers)',
  request: { params: projectParams },
  responses: {
    200: json(z.object({ unlinkedEpics: z.array(UnlinkedEpicSchema) }), 'Epics that would be unlinked'),
    ...errorResponses(401, 403, 404),
  },
})

export const unlinkProject = protectedRoute({
  method: 'delete',
  path: '/api/portfolios/{portfolioId}/jira/projects/{projectKey}',
  tags,
  summary: 'Unlink a project: its epics leave every initiative in the same transaction (managers)',
  description: '404 `project_not_linked`.',
  request: { params: projectParams },
  responses: {
    200: json(z.object({ unlinkedEpics: z.array(UnlinkedEpicSchema) }), 'Unlinked; the epics that went with it'),
    ...errorResponses(401, 403, 404),
  },
})

export const startSync = protectedRoute({
  method: 'post',
  path: '/api/portfolios/{portfolioId}/jira/sync',
  tags,
  summary: 'Refresh progress from Jira now (managers and contributors)',
  description: 'Starts a sync and answers at once; follow it with GET. `full: true` reads everything again.',
  request: {
    params: portfolioParams,
    body: { required: false, content: { 'application/json': { schema: z.object({ full: z.boolean().optional() }) } } },
  },
  responses: {
    202: json(z.object({ status: z.literal('started') }), 'Started'),
    ...errorResponses(400, 401, 403, 404),
  },
})

export const getSync = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/jira/sync',
  tags,
  summary: 'The latest sync runs and the connection’s health (any member)',
  request: { params: portfolioParams },
  responses: { 200: json(SyncStatusSchema, 'Sync status'), ...errorResponses(401, 404) },
})
