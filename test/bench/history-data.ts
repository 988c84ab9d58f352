// Two years of compacted history for the bench, generated straight into the tables (a fixture to measure, not a story to show).
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../portal-service/db/database.js'
import { newId } from '../../portal-service/db/ids.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** Rows per insert: 8 values each stays under SQLite's 32,766 parameters. */
const ROWS = 500

async function insertAll<T extends keyof Database>(db: Kysely<Database>, table: T, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS) {
    await db.insertInto(table).values(rows.slice(i, i + ROWS) as never).execute()
  }
}

/** Days from `days` ago up to a week ago, one point a day per epic, as compaction leaves them (18:00 UTC). */
export function pastDays(now: Date, days: number): string[] {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS
  return Array.from({ length: days - 7 }, (_, i) => new Date(today - (days - i) * DAY_MS + 18 * 3600 * 1000).toISOString())
}

/** A plausible epic over time: 40 children, work done creeping up, an estimate of 3 each. */
function figuresOn(epicIndex: number, dayIndex: number, days: number) {
  const total = 40
  const done = Math.min(total, Math.floor(((dayIndex + (epicIndex % 7)) / days) * total))
  const inProgress = Math.min(total - done, 2 + (epicIndex % 3))
  return { todo: total - done - inProgress, inProgress, done, pointsInProgress: inProgress * 3, pointsDone: done * 3, pointsTotal: total * 3 }
}

/**
 * Gives each linked epic one point a day for `days` days up to a week ago, and each initiative
 * one row a day. Links not yet made get an interval; every interval is moved back to the start.
 */
export async function generateHistory(db: Kysely<Database>, portfolioId: string, links: readonly { jiraIssueId: string; initiativeId: string }[], now: Date, days: number): Promise<{ points: number; days: number }> {
  const epicIds = links.map((l) => l.jiraIssueId)
  const initiativeIds = [...new Set(links.map((l) => l.initiativeId))]
  const stamps = pastDays(now, days)
  const start = new Date(Date.parse(stamps[0]!) - DAY_MS).toISOString()
  let points = 0
  let dayRows = 0
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('epicHistorySeries').values(epicIds.map((jiraIssueId) => ({ portfolioId, jiraIssueId }))).onConflict((oc) => oc.columns(['portfolioId', 'jiraIssueId']).doNothing()).execute()
    const series = new Map((await trx.selectFrom('epicHistorySeries').select(['id', 'jiraIssueId']).where('portfolioId', '=', portfolioId).execute()).map((s) => [s.jiraIssueId, s.id]))
    const linked = new Set((await trx.selectFrom('epicLinkIntervals').select('jiraIssueId').where('portfolioId', '=', portfolioId).execute()).map((i) => i.jiraIssueId))
    const intervals = links
      .filter((link) => !linked.has(link.jiraIssueId))
      .map((link) => ({ id: newId(), portfolioId, ...link, epicKey: `HIST-${link.jiraIssueId}`, linkedAt: start, unlinkedAt: null }))
    await insertAll(trx, 'epicLinkIntervals', intervals)
    await trx.updateTable('epicLinkIntervals').set({ linkedAt: start }).where('portfolioId', '=', portfolioId).execute()
    for (const [e, epicId] of epicIds.entries()) {
      const rows = stamps.map((recordedAt, d) => ({ seriesId: series.get(epicId)!, recordedAt, ...figuresOn(e, d, days) }))
      await insertAll(trx, 'epicHistory', rows)
      points += rows.length
    }
    const perInitiative = Math.ceil(epicIds.length / initiativeIds.length)
    for (const initiativeId of initiativeIds) {
      const rows = stamps.map((stamp, d) => {
        const one = figuresOn(0, d, days)
        const scale = (n: number) => n * perInitiative
        return { initiativeId, day: stamp.slice(0, 10), todo: scale(one.todo), inProgress: scale(one.inProgress), done: scale(one.done), pointsInProgress: scale(one.pointsInProgress), pointsDone: scale(one.pointsDone), pointsTotal: scale(one.pointsTotal) }
      })
      await insertAll(trx, 'initiativeHistory', rows)
      dayRows += rows.length
    }
  })
  await sql`pragma wal_checkpoint(truncate)`.execute(db)
  return { points, days: dayRows }
}

/** The last week as syncs leave it before compaction: `perDay` points a day per epic. */
export async function generateRecentWeek(db: Kysely<Database>, portfolioId: string, epicIds: readonly string[], now: Date, perDay: number): Promise<number> {
  const series = await db.selectFrom('epicHistorySeries').select(['id', 'jiraIssueId']).where('portfolioId', '=', portfolioId).where('jiraIssueId', 'in', [...epicIds]).execute()
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS
  const rows = series.flatMap((s, e) =>
    Array.from({ length: 8 * perDay }, (_, k) => ({ seriesId: s.id, recordedAt: new Date(today - 8 * DAY_MS + k * (DAY_MS / perDay) + 1000).toISOString(), ...figuresOn(e, 700 + k, 730) })),
  )
  await db.transaction().execute((trx) => insertAll(trx, 'epicHistory', rows))
  return rows.length
}
