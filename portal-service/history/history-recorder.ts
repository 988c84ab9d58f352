/**
 * @module
 * Appends history where the roll-ups change (DESIGN.md, "History, trends and forecast"): a point
 * for each epic whose figures a read changed, a point and an interval edge for each link and
 * unlink, and the day's row of every initiative touched. Callers run these in the transaction
 * that changes the figures or links, after refreshing the roll-ups, so history never disagrees
 * with what the pages show.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { appendPoints } from './epic-history.repository.js'
import type { Figures } from './forecast.js'
import { recordDays } from './initiative-history.repository.js'
import { closeIntervals, openInterval } from './link-interval.repository.js'

/** An epic's figures as a snapshot holds them: null until first read. */
export type StoredFigures = { [K in keyof Figures]: number | null } & { progressReadAt: string | null }

const FIELDS: readonly (keyof Figures)[] = ['todo', 'inProgress', 'done', 'pointsInProgress', 'pointsDone', 'pointsTotal']

/** The epics whose new figures differ from the stored ones (or that had none): only these get a point. */
export function changedEpics(before: ReadonlyMap<string, StoredFigures>, after: readonly (Figures & { jiraIssueId: string })[]): string[] {
  return after
    .filter((figures) => {
      const stored = before.get(figures.jiraIssueId)
      return !stored || stored.progressReadAt === null || FIELDS.some((field) => stored[field] !== figures[field])
    })
    .map((figures) => figures.jiraIssueId)
}

/** A read changed these epics' figures (already saved, roll-ups refreshed): their points and the days. */
export async function recordFigureChanges(trx: Kysely<Database>, portfolioId: string, epicIds: readonly string[], at: string): Promise<void> {
  if (epicIds.length === 0) return
  await appendPoints(trx, portfolioId, epicIds, at)
  await recordDays(trx, portfolioId, { epicIds }, at)
}

/**
 * An epic was linked (its snapshot saved, roll-ups refreshed). An epic another initiative already
 * tracks has figures: they enter this initiative's scope now. Otherwise the read that follows
 * linking records them.
 */
export async function recordLink(
  trx: Kysely<Database>,
  link: { portfolioId: string; initiativeId: string; jiraIssueId: string; epicKey: string },
  at: string,
): Promise<void> {
  await openInterval(trx, link, at)
  await appendPoints(trx, link.portfolioId, [link.jiraIssueId], at)
  await recordDays(trx, link.portfolioId, { initiativeIds: [link.initiativeId] }, at)
}

/** Epics are about to be unlinked: their last points, and their intervals closed. Call it before the links and snapshots go. */
export async function recordUnlinking(
  trx: Kysely<Database>,
  portfolioId: string,
  links: readonly { initiativeId: string; jiraIssueId: string }[],
  at: string,
): Promise<void> {
  if (links.length === 0) return
  await appendPoints(trx, portfolioId, links.map((l) => l.jiraIssueId), at)
  await closeIntervals(trx, portfolioId, links, at)
}

/** The links are gone and the roll-ups refreshed: the initiatives' days now leave those epics out. */
export async function recordUnlinked(trx: Kysely<Database>, portfolioId: string, initiativeIds: readonly string[], at: string): Promise<void> {
  await recordDays(trx, portfolioId, { initiativeIds: [...new Set(initiativeIds)] }, at)
}
