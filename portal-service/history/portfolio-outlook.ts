/**
 * @module
 * Every initiative of a portfolio with its roll-up and its forecast in its own basis, loaded in
 * a few queries whatever the number of initiatives: what the attention panel and the CSV export
 * both build on.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { InitiativeProgress } from '../epics/epic-view.js'
import * as rollupRepository from '../epics/initiative-rollup.repository.js'
import * as initiativeService from '../initiatives/initiative.service.js'
import type { InitiativeView } from '../initiatives/initiative.service.js'
import { forecastFromHistory, type Basis, type Forecast } from './forecast.js'
import { preferredBasis, ZERO, type CurrentFigures } from './history.service.js'
import { throughputEntries } from './throughput-entries.js'

export interface InitiativeOutlook {
  initiative: InitiativeView
  /** Undefined while no epic was ever linked. */
  progress: InitiativeProgress | undefined
  basis: Basis
  /** Null for initiatives without linked epics. */
  forecast: Forecast | null
}

/** The roll-up's figures as history measures them. */
export function currentOf(progress: InitiativeProgress | undefined): CurrentFigures {
  if (!progress) return { ...ZERO, hasPoints: false }
  const { children, points } = progress.rollUp
  return {
    todo: children.todo,
    inProgress: children.inProgress,
    done: children.done,
    pointsInProgress: points?.inProgress ?? 0,
    pointsDone: points?.done ?? 0,
    pointsTotal: points?.total ?? 0,
    hasPoints: points !== null,
  }
}

export async function portfolioOutlook(db: Kysely<Database>, portfolioId: string, now: Date): Promise<InitiativeOutlook[]> {
  const [initiatives, progress] = await Promise.all([initiativeService.listInitiatives(db, portfolioId), rollupRepository.listRollups(db, portfolioId)])
  const entries = await throughputEntries(db, portfolioId, null, now)
  return initiatives.map((initiative) => {
    const rolled = progress.get(initiative.id)
    const current = currentOf(rolled)
    const basis = preferredBasis(current)
    const forecast = rolled ? forecastFromHistory({ now, goLive: initiative.targetDate, basis, current, entries: entries.get(initiative.id) ?? new Map() }) : null
    return { initiative, progress: rolled, basis, forecast }
  })
}
