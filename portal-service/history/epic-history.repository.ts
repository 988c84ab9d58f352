// Reads and writes of epic history: points appended from the snapshots, and the points in force at a given time.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import type { Figures } from './forecast.js'

export interface EpicPoint extends Figures {
  jiraIssueId: string
  recordedAt: string
}

/** Values per `in (...)` list and rows per statement, far below both databases' limits. */
const CHUNK = 500

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Appends, at `at`, a point holding each epic's current snapshot figures (epics never read are
 * left out). A second point at the same instant replaces the first. Ids are sorted so that
 * concurrent writers take the series' locks in one order.
 */
export async function appendPoints(trx: Kysely<Database>, portfolioId: string, epicIds: readonly string[], at: string): Promise<void> {
  for (const ids of chunks([...new Set(epicIds)].sort())) {
    await trx
      .insertInto('epicHistorySeries')
      .values(ids.map((jiraIssueId) => ({ portfolioId, jiraIssueId })))
      .onConflict((oc) => oc.columns(['portfolioId', 'jiraIssueId']).doNothing())
      .execute()
    await trx
      .insertInto('epicHistory')
      .columns(['seriesId', 'recordedAt', 'todo', 'inProgress', 'done', 'pointsInProgress', 'pointsDone', 'pointsTotal'])
      .expression((eb) =>
        eb
          .selectFrom('epicSnapshots as e')
          .innerJoin('epicHistorySeries as s', (join) => join.onRef('s.portfolioId', '=', 'e.portfolioId').onRef('s.jiraIssueId', '=', 'e.jiraIssueId'))
          .select((sb) => [
            's.id',
            sb.cast<string>(sb.val(at), 'text').as('recordedAt'),
            sb.fn.coalesce('e.todo', sb.lit(0)).as('todo'),
            sb.fn.coalesce('e.inProgress', sb.lit(0)).as('inProgress'),
            sb.fn.coalesce('e.done', sb.lit(0)).as('done'),
            sb.fn.coalesce('e.pointsInProgress', sb.lit(0)).as('pointsInProgress'),
            sb.fn.coalesce('e.pointsDone', sb.lit(0)).as('pointsDone'),
            sb.fn.coalesce('e.pointsTotal', sb.lit(0)).as('pointsTotal'),
          ])
          .where('e.portfolioId', '=', portfolioId)
          .where('e.jiraIssueId', 'in', ids)
          .where('e.progressReadAt', 'is not', null),
      )
      .onConflict((oc) =>
        oc.columns(['seriesId', 'recordedAt']).doUpdateSet((eb) => ({
          todo: eb.ref('excluded.todo'),
          inProgress: eb.ref('excluded.inProgress'),
          done: eb.ref('excluded.done'),
          pointsInProgress: eb.ref('excluded.pointsInProgress'),
          pointsDone: eb.ref('excluded.pointsDone'),
          pointsTotal: eb.ref('excluded.pointsTotal'),
        })),
      )
      .execute()
  }
}

/**
 * Each epic's point in force at `at` (the last one recorded at or before it), or with `after`
 * the first one recorded after it. One index seek per epic, whatever the history's length.
 */
export async function pointsAt(
  db: Kysely<Database>,
  portfolioId: string,
  epicIds: readonly string[],
  at: string,
  side: 'atOrBefore' | 'after' = 'atOrBefore',
): Promise<Map<string, EpicPoint>> {
  const found = new Map<string, EpicPoint>()
  for (const ids of chunks([...new Set(epicIds)])) {
    const moments = db
      .selectFrom('epicHistorySeries as s')
      .select((eb) => [
        's.id as seriesId',
        's.jiraIssueId',
        (side === 'atOrBefore'
          ? eb.selectFrom('epicHistory as h').select((hb) => hb.fn.max('h.recordedAt').as('m')).whereRef('h.seriesId', '=', 's.id').where('h.recordedAt', '<=', at)
          : eb.selectFrom('epicHistory as h').select((hb) => hb.fn.min('h.recordedAt').as('m')).whereRef('h.seriesId', '=', 's.id').where('h.recordedAt', '>', at)
        ).as('at'),
      ])
      .where('s.portfolioId', '=', portfolioId)
      .where('s.jiraIssueId', 'in', ids)
    const rows = await db
      .selectFrom(moments.as('m'))
      .innerJoin('epicHistory as p', (join) => join.onRef('p.seriesId', '=', 'm.seriesId').onRef('p.recordedAt', '=', 'm.at'))
      .select(['m.jiraIssueId', 'p.recordedAt', 'p.todo', 'p.inProgress', 'p.done', 'p.pointsInProgress', 'p.pointsDone', 'p.pointsTotal'])
      .execute()
    for (const row of rows) found.set(row.jiraIssueId, row)
  }
  return found
}

/** Every point of the portfolio recorded in [from, to), by series: what compaction plans over. */
export async function pointTimes(db: Kysely<Database>, portfolioId: string, from: string | null, to: string): Promise<{ seriesId: number; recordedAt: string }[]> {
  let query = db
    .selectFrom('epicHistorySeries as s')
    .innerJoin('epicHistory as h', 'h.seriesId', 's.id')
    .select(['h.seriesId', 'h.recordedAt'])
    .where('s.portfolioId', '=', portfolioId)
    .where('h.recordedAt', '<', to)
  if (from !== null) query = query.where('h.recordedAt', '>=', from)
  return query.execute()
}

/** The first point of the portfolio's history, or null. */
export async function firstPointTime(db: Kysely<Database>, portfolioId: string): Promise<string | null> {
  const row = await db
    .selectFrom('epicHistorySeries as s')
    .innerJoin('epicHistory as h', 'h.seriesId', 's.id')
    .select((eb) => eb.fn.min('h.recordedAt').as('first'))
    .where('s.portfolioId', '=', portfolioId)
    .executeTakeFirst()
  return row?.first ?? null
}

export async function deletePoints(db: Kysely<Database>, points: readonly { seriesId: number; recordedAt: string }[]): Promise<void> {
  const bySeries = new Map<number, string[]>()
  for (const { seriesId, recordedAt } of points) bySeries.set(seriesId, [...(bySeries.get(seriesId) ?? []), recordedAt])
  for (const [seriesId, times] of bySeries) {
    for (const group of chunks(times)) {
      await db.deleteFrom('epicHistory').where('seriesId', '=', seriesId).where('recordedAt', 'in', group).execute()
    }
  }
}

/** Drops the history of epics no link interval of the portfolio names any more (their points go with them). */
export async function deleteUnnamedSeries(db: Kysely<Database>, portfolioId: string): Promise<void> {
  await db
    .deleteFrom('epicHistorySeries')
    .where('portfolioId', '=', portfolioId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('epicLinkIntervals as i')
            .select('i.id')
            .whereRef('i.portfolioId', '=', 'epicHistorySeries.portfolioId')
            .whereRef('i.jiraIssueId', '=', 'epicHistorySeries.jiraIssueId'),
        ),
      ),
    )
    .execute()
}
