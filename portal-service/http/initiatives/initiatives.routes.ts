// Initiatives of a portfolio: seen by members, created, edited and deleted by contributors up.
import { z } from '@hono/zod-openapi'
import { STATUSES } from '../../initiatives/initiative.table.js'
import { MAX_STAGE_LENGTH } from '../../portfolios/stages.js'
import { errorResponses } from '../errors.js'
import { portfolioParams } from '../portfolios/portfolios.routes.js'
import { protectedRoute } from '../router.js'
import { EpicSchema, InitiativeProgressSchema } from '../jira/jira.schemas.js'
import { DateSchema, idParam, optionalText, requiredText } from '../schemas.js'

const tags = ['Initiatives']

const StatusSchema = z.enum(STATUSES).openapi('InitiativeStatus')

export const InitiativeSchema = z
  .object({
    id: z.uuid(),
    portfolioId: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    stage: z.string(),
    status: StatusSchema,
    ownerId: z.uuid().nullable(),
    startDate: z.string().nullable().openapi({ format: 'date' }),
    targetDate: z.string().nullable().openapi({ format: 'date', description: 'The go-live date.' }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Send it back with PATCH to refuse stale edits.' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Initiative')

const fields = {
  name: requiredText(200),
  description: optionalText(10_000),
  stage: z
    .string()
    .trim()
    .min(1)
    .max(MAX_STAGE_LENGTH)
    .openapi({ description: 'One of the portfolio’s stages.' }),
  status: StatusSchema,
  ownerId: z.uuid().nullable().openapi({ description: 'A member of the portfolio, or null.' }),
  startDate: DateSchema.nullable(),
  targetDate: DateSchema.nullable().openapi({ description: 'The go-live date; after startDate.' }),
}

const initiativeParams = portfolioParams.extend({
  initiativeId: idParam('initiativeId', 'The initiative’s id'),
})

const RULES =
  '422 `invalid_stage` (not one of the portfolio’s stages), `invalid_owner` (not a member), `invalid_dates` (start not before go-live).'

export const InitiativeListSchema = z.object({
  initiatives: z.array(
    InitiativeSchema.extend({ progress: InitiativeProgressSchema }).openapi('InitiativeWithProgress'),
  ),
})

export const listInitiatives = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/initiatives',
  tags,
  summary: 'List a portfolio’s initiatives',
  request: { params: portfolioParams },
  responses: {
    200: {
      description: 'Initiatives, oldest first',
      content: {
        'application/json': { schema: InitiativeListSchema },
      },
    },
    ...errorResponses(401, 404),
  },
})

export const createInitiative = protectedRoute({
  method: 'post',
  path: '/api/portfolios/{portfolioId}/initiatives',
  tags,
  summary: 'Create an initiative (managers and contributors)',
  description: `The stage defaults to the portfolio’s first, the status to on_track. ${RULES}`,
  request: {
    params: portfolioParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: fields.name,
            description: fields.description.optional(),
            stage: fields.stage.optional(),
            status: fields.status.optional(),
            ownerId: fields.ownerId.optional(),
            startDate: fields.startDate.optional(),
            targetDate: fields.targetDate.optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: InitiativeSchema } } },
    ...errorResponses(400, 401, 403, 404, 413, 415, 422),
  },
})

export const getInitiative = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/initiatives/{initiativeId}',
  tags,
  summary: 'Get an initiative',
  request: { params: initiativeParams },
  responses: {
    200: {
      description: 'The initiative',
      content: {
        'application/json': {
          schema: InitiativeSchema.extend({ epics: z.array(EpicSchema), progress: InitiativeProgressSchema }).openapi(
            'InitiativeDetail',
          ),
        },
      },
    },
    ...errorResponses(401, 404),
  },
})

export const updateInitiative = protectedRoute({
  method: 'patch',
  path: '/api/portfolios/{portfolioId}/initiatives/{initiativeId}',
  tags,
  summary: 'Edit an initiative (managers and contributors)',
  description: `Changes only the fields sent (null clears description, ownerId and dates). With \`version\`, the edit applies only if nobody changed the initiative since that version: otherwise 409 \`edit_conflict\` with \`details.currentVersion\` and \`details.current\`. Without it, the last write wins, field by field. ${RULES}`,
  request: {
    params: initiativeParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: fields.name.optional(),
            description: fields.description.optional(),
            stage: fields.stage.optional(),
            status: fields.status.optional(),
            ownerId: fields.ownerId.optional(),
            startDate: fields.startDate.optional(),
            targetDate: fields.targetDate.optional(),
            version: z.number().int().min(1).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The initiative',
      content: { 'application/json': { schema: InitiativeSchema } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
})

export const deleteInitiative = protectedRoute({
  method: 'delete',
  path: '/api/portfolios/{portfolioId}/initiatives/{initiativeId}',
  tags,
  summary: 'Delete an initiative (managers and contributors)',
  request: { params: initiativeParams },
  responses: {
    204: { description: 'Deleted' },
    ...errorResponses(401, 403, 404),
  },
})
