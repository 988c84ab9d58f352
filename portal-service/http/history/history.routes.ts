// History, trends and forecast: an initiative's burn-up, changes and forecast, the portfolio's attention list and CSV export (any member).
import { z } from '@hono/zod-openapi'
import { errorResponses } from '../errors.js'
import { portfolioParams } from '../portfolios/portfolios.routes.js'
import { protectedRoute } from '../router.js'
import { idParam } from '../schemas.js'
import { AttentionSchema, ChangesQuerySchema, ChangesSchema, ForecastQuerySchema, ForecastSchema, HistoryQuerySchema, HistorySchema } from './history.schemas.js'

const tags = ['History']
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } })
const initiativeParams = portfolioParams.extend({ initiativeId: idParam('initiativeId', 'The initiative’s id') })

export const getHistory = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/initiatives/{initiativeId}/history',
  tags,
  summary: 'The initiative’s burn-up: scope, done and in progress per day (any member)',
  description:
    'One point per day (UTC) in [from, to] on which the figures changed, the first day carrying the figures in force then. Scope is the sum of the epics linked at the time: linking and unlinking move scope. 400 for a malformed date or basis, or `from` after `to`.',
  request: { params: initiativeParams, query: HistoryQuerySchema },
  responses: { 200: json(HistorySchema, 'The burn-up'), ...errorResponses(400, 401, 404) },
})

export const getChanges = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/initiatives/{initiativeId}/changes',
  tags,
  summary: 'What changed since a date: scope added and removed, work done, epics linked and unlinked (any member)',
  description: 'From the start of `since` (UTC) until now. 400 for a malformed or future date, or a bad basis.',
  request: { params: initiativeParams, query: ChangesQuerySchema },
  responses: { 200: json(ChangesSchema, 'The changes'), ...errorResponses(400, 401, 404) },
})

export const getForecast = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/initiatives/{initiativeId}/forecast',
  tags,
  summary: 'When the remaining work completes at the last weeks’ pace, against go-live (any member)',
  description:
    'Weekly throughput is work newly done (scope change ignored) over the last six weeks; the range comes from the slowest and the fastest week. `on_track`: done by go-live even at the slowest week; `at_risk`: only at the faster ones; `off_track`: not even at the fastest; `not_enough_data` with its reason otherwise. 400 for a bad basis.',
  request: { params: initiativeParams, query: ForecastQuerySchema },
  responses: { 200: json(ForecastSchema, 'The forecast'), ...errorResponses(400, 401, 404) },
})

export const getAttention = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/attention',
  tags,
  summary: 'What needs a person now, worst first, each in a sentence (any member)',
  request: { params: portfolioParams },
  responses: { 200: json(AttentionSchema, 'Items needing attention'), ...errorResponses(401, 404) },
})

export const getInitiativesCsv = protectedRoute({
  method: 'get',
  path: '/api/portfolios/{portfolioId}/initiatives.csv',
  tags,
  summary: 'Every initiative with stage, status, suggestion, owner, dates and roll-up figures, as CSV (any member)',
  description: 'RFC 4180, UTF-8, a header row; text that looks like a spreadsheet formula starts with an apostrophe.',
  request: { params: portfolioParams },
  responses: {
    200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses(401, 404),
  },
})
