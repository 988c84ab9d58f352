// Each initiative's trend for the landscape: its last twelve weeks of daily history, in its own basis, from one read of the portfolio's days.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { InitiativeProgress } from '../epics/epic-view.js'
import { burnUp, type BurnUpPoint } from '../history/burn-up.js'
import type { Basis } from '../history/forecast.js'
import { DEFAULT_HISTORY_DAYS, preferredBasis } from '../history/history.service.js'
import { portfolioDaysSince } from '../history/initiative-history.repository.js'
import type { InitiativeHistoryDay } from '../history/initiative-history.table.js'
import { currentOf } from '../history/portfolio-outlook.js'

export interface Trend {
  basis: Basis
  points: BurnUpPoint[]
  from: string
  to: string
}

const DAY_MS = 24 * 60 * 60 * 1000

export async function loadTrends(db: Kysely<Database>, portfolioId: string, progress: ReadonlyMap<string, InitiativeProgress>, now: Date): Promise<Map<string, Trend>> {
  const to = now.toISOString().slice(0, 10)
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_HISTORY_DAYS - 1) * DAY_MS).toISOString().slice(0, 10)
  const byInitiative = new Map<string, InitiativeHistoryDay[]>()
  for (const day of await portfolioDaysSince(db, portfolioId, from)) {
    byInitiative.set(day.initiativeId, [...(byInitiative.get(day.initiativeId) ?? []), day])
  }
  const trends = new Map<string, Trend>()
  for (const [initiativeId, days] of byInitiative) {
    const basis = preferredBasis(currentOf(progress.get(initiativeId)))
    trends.set(initiativeId, { basis, points: burnUp(days, basis, from, to), from, to })
  }
  return trends
}
