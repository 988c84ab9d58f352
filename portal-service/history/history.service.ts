/**
 * @module
 * An initiative's burn-up, what changed since a date, and its forecast (DESIGN.md, "History,
 * trends and forecast"), read from the history the writes append. The maths is pure
 * (burn-up.ts, changes.ts, forecast.ts); this module loads what it needs.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import * as snapshotRepository from '../epics/epic-snapshot.repository.js'
import { ApiError, notFound } from '../http/errors.js'
import type { Status } from '../initiatives/initiative.table.js'
import { burnUp, type BurnUpPoint } from './burn-up.js'
import { summarizeChanges, type Changes } from './changes.js'
import { forecastFromHistory, type Basis, type Figures, type Forecast } from './forecast.js'
import { daysBetween } from './initiative-history.repository.js'
import { endOf, figuresAtEach, pointLookup, startFigures } from './interval-figures.js'
import { intervalsSince } from './link-interval.repository.js'
import { throughputEntries } from './throughput-entries.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** The burn-up shows twelve weeks unless asked for another range. */
export const DEFAULT_HISTORY_DAYS = 84
/** "Changes since" looks a week back unless asked. */
export const DEFAULT_CHANGES_DAYS = 7

export const ZERO: Figures = { todo: 0, inProgress: 0, done: 0, pointsInProgress: 0, pointsDone: 0, pointsTotal: 0 }

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10)
const daysBefore = (day: string, days: number) => dayOf(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS)

/** The figures an initiative's roll-up holds now, and whether it has story points to speak of. */
export interface CurrentFigures extends Figures {
  hasPoints: boolean
}

/** Points when the initiative's children are estimated at all; otherwise child counts. */
export function preferredBasis(current: CurrentFigures | undefined): Basis {
  return current && current.hasPoints && current.pointsTotal > 0 ? 'points' : 'count'
}

export interface InitiativeFacts {
  id: string
  name: string
  status: Status
  targetDate: string | null
  current: CurrentFigures
}

/**
 * The initiative (404 when it is not the portfolio's) with its roll-up's figures. The history,
 * changes and forecast below read it themselves unless a caller that needs all three passes it.
 */
export async function initiativeFacts(db: Kysely<Database>, portfolioId: string, initiativeId: string): Promise<InitiativeFacts> {
  const row = await db
    .selectFrom('initiatives as i')
    .leftJoin('initiativeRollups as r', 'r.initiativeId', 'i.id')
    .select(['i.id', 'i.name', 'i.status', 'i.targetDate', 'r.todo', 'r.inProgress', 'r.done', 'r.pointsInProgress', 'r.pointsDone', 'r.pointsTotal', 'r.hasPoints'])
    .where('i.id', '=', initiativeId)
    .where('i.portfolioId', '=', portfolioId)
    .executeTakeFirst()
  if (!row) throw notFound('Initiative')
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    targetDate: row.targetDate,
    current: {
      todo: row.todo ?? 0,
      inProgress: row.inProgress ?? 0,
      done: row.done ?? 0,
      pointsInProgress: row.pointsInProgress ?? 0,
      pointsDone: row.pointsDone ?? 0,
      pointsTotal: row.pointsTotal ?? 0,
      hasPoints: row.hasPoints === 1,
    },
  }
}

function refuse(field: string, message: string): ApiError {
  return new ApiError(400, 'validation_failed', message, { issues: [{ path: field, message, code: 'invalid_value' }] })
}

export interface HistoryQuery {
  from?: string | undefined
  to?: string | undefined
  /** Default: the initiative's own (`preferredBasis`). */
  basis?: Basis | undefined
}

export interface InitiativeHistory {
  basis: Basis
  from: string
  to: string
  points: BurnUpPoint[]
}

/** The burn-up over [from, to] (default: the twelve weeks up to today). */
export async function initiativeHistory(db: Kysely<Database>, portfolioId: string, initiativeId: string, query: HistoryQuery, now: Date, known?: InitiativeFacts): Promise<InitiativeHistory> {
  const to = query.to ?? dayOf(now.getTime())
  const from = query.from ?? daysBefore(to, DEFAULT_HISTORY_DAYS - 1)
  if (from > to) throw refuse('from', `from (${from}) must not be after to (${to}).`)
  const facts = known ?? (await initiativeFacts(db, portfolioId, initiativeId))
  const basis = query.basis ?? preferredBasis(facts.current)
  const days = await daysBetween(db, initiativeId, from, to)
  return { basis, from, to, points: burnUp(days, basis, from, to) }
}

/** What changed since the start of `since` (default: a week ago) until now. */
export async function initiativeChanges(
  db: Kysely<Database>,
  portfolioId: string,
  initiativeId: string,
  query: { since?: string | undefined; basis?: Basis | undefined },
  now: Date,
  known?: InitiativeFacts,
): Promise<Changes> {
  const today = dayOf(now.getTime())
  const sinceDate = query.since ?? daysBefore(today, DEFAULT_CHANGES_DAYS)
  if (sinceDate > today) throw refuse('since', `since (${sinceDate}) is in the future.`)
  const facts = known ?? (await initiativeFacts(db, portfolioId, initiativeId))
  const basis = query.basis ?? preferredBasis(facts.current)
  const since = `${sinceDate}T00:00:00.000Z`
  const nowIso = now.toISOString()
  const intervals = (await intervalsSince(db, portfolioId, [initiativeId], since)).filter((i) => i.linkedAt <= nowIso)
  const lookup = pointLookup(db, portfolioId)
  const starts = await startFigures(lookup, intervals, since, nowIso)
  const ends = await figuresAtEach(lookup, intervals.map((i) => ({ id: i.id, epicId: i.jiraIssueId, at: endOf(i, nowIso) })))
  const snapshots = await snapshotRepository.findSnapshots(db, portfolioId, [...new Set(intervals.map((i) => i.jiraIssueId))])
  const keys = new Map(snapshots.map((s) => [s.jiraIssueId, s.epicKey]))
  return summarizeChanges(
    intervals.map((interval) => {
      const start = starts.get(interval.id) ?? null
      return {
        jiraIssueId: interval.jiraIssueId,
        key: keys.get(interval.jiraIssueId) ?? interval.epicKey,
        linkedAt: interval.linkedAt,
        unlinkedAt: interval.unlinkedAt,
        start: start?.point ?? null,
        countedAtSince: interval.linkedAt <= since && start?.inForce === true,
        end: ends.get(interval.id) ?? null,
      }
    }),
    since,
    sinceDate,
    basis,
  )
}

export type InitiativeForecast = Forecast & { basis: Basis; status: Status }

/** Where the initiative is heading in `basis` (default: points when estimated, else counts). */
export async function initiativeForecast(
  db: Kysely<Database>,
  portfolioId: string,
  initiativeId: string,
  query: { basis?: Basis | undefined },
  now: Date,
  known?: InitiativeFacts,
): Promise<InitiativeForecast> {
  const facts = known ?? (await initiativeFacts(db, portfolioId, initiativeId))
  const basis = query.basis ?? preferredBasis(facts.current)
  const entries = (await throughputEntries(db, portfolioId, [initiativeId], now)).get(initiativeId) ?? new Map()
  const result = forecastFromHistory({ now, goLive: facts.targetDate, basis, current: facts.current, entries })
  return { basis, status: facts.status, ...result }
}
