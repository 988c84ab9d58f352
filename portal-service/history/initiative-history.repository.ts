// Reads and writes of initiative history: the roll-up copied into the day's row, and days read back for charts.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { InitiativeHistoryDay } from './initiative-history.table.js'

/** Which initiatives' days a write touched: named ones, or those linking some epics now. */
export type DayScope = { initiativeIds: readonly string[] } | { epicIds: readonly string[] }

const FIGURES = ['todo', 'inProgress', 'done', 'pointsInProgress', 'pointsDone', 'pointsTotal'] as const

/**
 * Copies the roll-ups in `scope` (refreshed by the caller in the same transaction) into the row
 * of `at`'s day: the day keeps its last figures.
 */
export async function recordDays(trx: Kysely<Database>, portfolioId: string, scope: DayScope, at: string): Promise<void> {
  const ids = 'initiativeIds' in scope ? scope.initiativeIds : scope.epicIds
  if (ids.length === 0) return
  const day = at.slice(0, 10)
  await trx
    .insertInto('initiativeHistory')
    .columns(['initiativeId', 'day', ...FIGURES])
    .expression((eb) => {
      let rollups = eb
        .selectFrom('initiativeRollups as r')
        .select((sb) => ['r.initiativeId', sb.cast<string>(sb.val(day), 'text').as('day'), ...FIGURES.map((f) => `r.${f}` as const)])
        .where('r.portfolioId', '=', portfolioId)
      rollups =
        'initiativeIds' in scope
          ? rollups.where('r.initiativeId', 'in', [...ids])
          : rollups.where('r.initiativeId', 'in', (sb) =>
              sb.selectFrom('linkedEpics').select('linkedEpics.initiativeId').where('linkedEpics.portfolioId', '=', portfolioId).where('linkedEpics.jiraIssueId', 'in', [...ids]),
            )
      return rollups
    })
    .onConflict((oc) =>
      oc.columns(['initiativeId', 'day']).doUpdateSet((eb) => Object.fromEntries(FIGURES.map((f) => [f, eb.ref(`excluded.${f}`)]))),
    )
    .execute()
}

/** A day's figures without its keys: what a chart of one initiative reads. */
export type DayFigures = Pick<InitiativeHistoryDay, 'day' | (typeof FIGURES)[number]>

/**
 * An initiative's days in [from, to], preceded by the last day before `from` (the figures it
 * starts from). Only the day and the figures are read: two years are 730 rows, and their ids
 * would be most of the bytes.
 */
export async function daysBetween(db: Kysely<Database>, initiativeId: string, from: string, to: string): Promise<DayFigures[]> {
  const before = await db
    .selectFrom('initiativeHistory')
    .select(['day', ...FIGURES])
    .where('initiativeId', '=', initiativeId)
    .where('day', '<', from)
    .orderBy('day', 'desc')
    .limit(1)
    .execute()
  const within = await db
    .selectFrom('initiativeHistory')
    .select(['day', ...FIGURES])
    .where('initiativeId', '=', initiativeId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute()
  return [...before, ...within]
}

/**
 * Every initiative's days of the portfolio from `from` on, each preceded by its last day before
 * `from` (the landscape's trend lines); in time order.
 */
export async function portfolioDaysSince(db: Kysely<Database>, portfolioId: string, from: string): Promise<InitiativeHistoryDay[]> {
  const before = await db
    .selectFrom('initiativeHistory as h')
    .innerJoin('initiatives as i', 'i.id', 'h.initiativeId')
    .selectAll('h')
    .where('i.portfolioId', '=', portfolioId)
    .where('h.day', '=', (eb) =>
      eb.selectFrom('initiativeHistory as p').select((pb) => pb.fn.max('p.day').as('day')).whereRef('p.initiativeId', '=', 'h.initiativeId').where('p.day', '<', from),
    )
    .execute()
  const since = await db
    .selectFrom('initiativeHistory as h')
    .innerJoin('initiatives as i', 'i.id', 'h.initiativeId')
    .selectAll('h')
    .where('i.portfolioId', '=', portfolioId)
    .where('h.day', '>=', from)
    .orderBy('h.day')
    .execute()
  return [...before, ...since]
}

/** Days before `day`, for retention. */
export async function daysBefore(db: Kysely<Database>, portfolioId: string, day: string): Promise<{ initiativeId: string; day: string }[]> {
  return db
    .selectFrom('initiativeHistory as h')
    .innerJoin('initiatives as i', 'i.id', 'h.initiativeId')
    .select(['h.initiativeId', 'h.day'])
    .where('i.portfolioId', '=', portfolioId)
    .where('h.day', '<', day)
    .execute()
}

export async function deleteDays(db: Kysely<Database>, rows: readonly { initiativeId: string; day: string }[]): Promise<void> {
  const byInitiative = new Map<string, string[]>()
  for (const { initiativeId, day } of rows) byInitiative.set(initiativeId, [...(byInitiative.get(initiativeId) ?? []), day])
  for (const [initiativeId, days] of byInitiative) {
    await db.deleteFrom('initiativeHistory').where('initiativeId', '=', initiativeId).where('day', 'in', days).execute()
  }
}
