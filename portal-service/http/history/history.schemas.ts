// Schemas of the history, changes, forecast and attention answers (issue 10's contract; fields may be added, never renamed).
import { z } from '@hono/zod-openapi'
import { ATTENTION_KINDS } from '../../history/attention.js'
import { STATUSES } from '../../initiatives/initiative.table.js'
import { DateSchema } from '../schemas.js'

export const BasisSchema = z
  .enum(['count', 'points'])
  .openapi({ description: 'Child issues (`count`) or story points of estimated children (`points`). Default: `points` when the initiative’s children carry story points, else `count`.' })

const date = z.string().openapi({ format: 'date', example: '2026-12-16' })

export const HistorySchema = z
  .object({
    basis: BasisSchema,
    from: date,
    to: date,
    points: z.array(
      z.object({
        date: date.openapi({ description: 'The figures at the end of that day (UTC), or as they stand today.' }),
        scope: z.number(),
        done: z.number(),
        inProgress: z.number(),
      }),
    ),
  })
  .openapi('InitiativeHistory')

export const ChangesSchema = z
  .object({
    since: date,
    basis: BasisSchema,
    scopeAdded: z.number(),
    scopeRemoved: z.number(),
    doneAdded: z.number().openapi({ description: 'Work done while linked; what an epic brings when linked, or takes when unlinked, is scope. Negative when work was reopened.' }),
    epicsLinked: z.array(z.string()),
    epicsUnlinked: z.array(z.string()),
    epics: z.array(z.object({ id: z.string(), key: z.string(), scopeDelta: z.number(), doneDelta: z.number() })),
  })
  .openapi('InitiativeChanges')

export const SuggestionSchema = z.enum(['on_track', 'at_risk', 'off_track', 'not_enough_data'])

export const ForecastSchema = z
  .object({
    basis: BasisSchema,
    status: z.enum(STATUSES).openapi({ description: 'The status people set, beside the suggestion.' }),
    remaining: z.number(),
    weeklyThroughput: z.object({ slowest: z.number(), fastest: z.number() }).nullable(),
    completesBetween: z
      .tuple([date, date])
      .nullable()
      .openapi({ description: 'At the fastest and at the slowest of the last weeks; null without enough data, or when a week did no work (then see earliestCompletion).' }),
    earliestCompletion: date.nullable(),
    goLive: date.nullable(),
    suggestion: SuggestionSchema,
    reason: z.enum(['too_little_history', 'no_throughput', 'no_go_live']).nullable(),
    recentWeeks: z.array(z.number()).openapi({ description: 'Work done in each of the last (up to six) weeks, oldest first.' }),
  })
  .openapi('InitiativeForecast')

export const AttentionSchema = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(ATTENTION_KINDS),
        severity: z.enum(['danger', 'warning']),
        initiative: z.object({ id: z.string(), name: z.string() }).nullable(),
        epic: z.object({ id: z.string(), key: z.string(), summary: z.string() }).nullable(),
        sentence: z.string(),
      }),
    ),
  })
  .openapi('Attention')

export const HistoryQuerySchema = z.object({
  from: DateSchema.optional().openapi({ description: 'First day (default: twelve weeks before `to`).' }),
  to: DateSchema.optional().openapi({ description: 'Last day (default: today, UTC).' }),
  basis: BasisSchema.optional(),
})

export const ChangesQuerySchema = z.object({
  since: DateSchema.optional().openapi({ description: 'Changes from the start of this day (UTC) until now (default: a week ago).' }),
  basis: BasisSchema.optional(),
})

export const ForecastQuerySchema = z.object({ basis: BasisSchema.optional() })
