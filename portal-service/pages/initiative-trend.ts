// What the initiative page shows of its history: the burn-up, changes since a date and the forecast, in the basis asked for.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { Changes } from '../history/changes.js'
import type { Basis } from '../history/forecast.js'
import * as historyService from '../history/history.service.js'
import { DateSchema } from '../http/schemas.js'

export interface InitiativeTrend {
  basis: Basis
  /** The initiative's children carry story points: offer the switch. */
  hasPoints: boolean
  history: historyService.InitiativeHistory
  changes: Changes
  forecast: historyService.InitiativeForecast
  today: string
  /** Said when the date asked for could not be used. */
  note?: string | undefined
}

/**
 * The page's query, read leniently (a bad value falls back to the default and says so, where
 * the API answers 400): `basis` and `since`.
 */
export async function loadTrend(
  db: Kysely<Database>,
  portfolioId: string,
  initiativeId: string,
  query: { basis?: string | undefined; since?: string | undefined },
  now: Date,
): Promise<InitiativeTrend> {
  const facts = await historyService.initiativeFacts(db, portfolioId, initiativeId)
  const basis: Basis = query.basis === 'count' || query.basis === 'points' ? query.basis : historyService.preferredBasis(facts.current)
  const today = now.toISOString().slice(0, 10)
  const asked = query.since === undefined || query.since === '' ? undefined : query.since
  const usable = asked !== undefined && DateSchema.safeParse(asked).success && asked <= today
  const note = asked !== undefined && !usable ? `“${asked}” is not a past date: showing the last week.` : undefined
  const [history, changes, forecast] = await Promise.all([
    historyService.initiativeHistory(db, portfolioId, initiativeId, { basis }, now, facts),
    historyService.initiativeChanges(db, portfolioId, initiativeId, { basis, since: usable ? asked : undefined }, now, facts),
    historyService.initiativeForecast(db, portfolioId, initiativeId, { basis }, now, facts),
  ])
  return { basis, hasPoints: facts.current.hasPoints, history, changes, forecast, today, note }
}
