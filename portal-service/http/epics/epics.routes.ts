// Epics on initiatives: search the linked projects' epics, link, unlink, and read their progress.
import { z } from '@hono/zod-openapi'
import { errorResponses } from '../errors.js'
import { portfolioParams } from '../portfolios/portfolios.routes.js'
import { protectedRoute } from '../router.js'
import { idParam } from '../schemas.js'
import { EpicOptionSchema, EpicSchema, InitiativeProgressSchema, ProjectKeySchema } from '../jira/jira.schemas.js'

const tags = ['Epics']
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const jiraFailure = json(z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) }), 'Jira failed')

const initiativeParams = portfolioParams.extend({ initiativeId: idParam('initiativeId', 'The initiative’s id') })
const EpicKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .regex(/^([A-Za-z][A-Za-z0-9_]*-[1-9]\d*|\d+)$/, 'must be an issue key like MOB-12 (or a Jira issue id)')
  .openapi({ example: 'MOB-12' })

export const searchEpics = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/jira/epics',
  tags,
  summary: 'Search the epics of the linked projects by key or summary (managers and contributors)',
  description: '422 `project_not_linked` for a projectKey that is not linked. Page on with `cursor`.',
  request: {
    params: portfolioParams,
    query: z.object({
      projectKey: ProjectKeySchema.optional(),
      query: z.string().trim().max(200).optional(),
      cursor: z.string().max(2000).optional(),
    }),
  },
  responses: {
    200: json(z.object({ epics: z.array(EpicOptionSchema), nextCursor: z.string().nullable() }), 'Epics'),
    ...errorResponses(400, 401, 403, 404, 422),
    502: jiraFailure,
  },
})

export const listEpics = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/initiatives/{initiativeId}/epics',
  tags,
  summary: 'An initiative’s linked epics with their progress, and the roll-up (any member)',
  request: { params: initiativeParams },
  responses: {
    200: json(z.object({ epics: z.array(EpicSchema), progress: InitiativeProgressSchema }), 'Epics'),
    ...errorResponses(401, 404),
  },
})

export const linkEpic = protectedRoute({
  method: 'post',
  path: '/api/portfolios/{portfolioId}/initiatives/{initiativeId}/epics',
  tags,
  summary: 'Link a Jira epic to the initiative (managers and contributors)',
  description:
    'Its project must be linked (422 `project_not_linked`); 422 `epic_not_found`, `not_an_epic`; 409 `epic_already_linked`, `epic_limit_reached` (20). Its figures are read right away.',
  request: {
    params: initiativeParams,
    body: { required: true, content: { 'application/json': { schema: z.object({ epicKey: EpicKeySchema }) } } },
  },
  responses: { 201: json(EpicSchema, 'Linked'), ...errorResponses(400, 401, 403, 404, 409, 422), 502: jiraFailure },
})

export const unlinkEpic = protectedRoute({
  method: 'delete',
  path: '/api/portfolios/{portfolioId}/initiatives/{initiativeId}/epics/{epicKey}',
  tags,
  summary: 'Unlink an epic from the initiative (managers and contributors)',
  description: 'The epic is named by its current key or its Jira id. 404 `epic_not_linked`.',
  request: { params: initiativeParams.extend({ epicKey: EpicKeySchema.openapi({ param: { name: 'epicKey', in: 'path' } }) }) },
  responses: {
    200: json(z.object({ unlinked: z.object({ id: z.string(), key: z.string() }) }), 'Unlinked'),
    ...errorResponses(401, 403, 404),
  },
})
