/**
 * @module
 * The figures each link interval had at the moments a question needs (a date, a week's edges,
 * its own linking and unlinking), read as the point in force at each moment: one query per
 * distinct moment, one index seek per epic, however long the history.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { pointsAt, type EpicPoint } from './epic-history.repository.js'
import type { LinkInterval } from './link-interval.table.js'

export type PointLookup = (epicIds: readonly string[], at: string, side?: 'atOrBefore' | 'after') => Promise<Map<string, EpicPoint>>

/** Looks points up in `db`, asking once per moment, side and epic set. */
export function pointLookup(db: Kysely<Database>, portfolioId: string): PointLookup {
  const asked = new Map<string, Promise<Map<string, EpicPoint>>>()
  return (epicIds, at, side = 'atOrBefore') => {
    const key = `${side}|${at}|${[...epicIds].sort().join(',')}`
    let found = asked.get(key)
    if (!found) asked.set(key, (found = pointsAt(db, portfolioId, epicIds, at, side)))
    return found
  }
}

/** For each request, its epic's point in force at its moment (or null), grouped into one lookup per moment. */
export async function figuresAtEach(
  lookup: PointLookup,
  requests: readonly { id: string; epicId: string; at: string }[],
  side: 'atOrBefore' | 'after' = 'atOrBefore',
): Promise<Map<string, EpicPoint | null>> {
  const byMoment = new Map<string, { id: string; epicId: string }[]>()
  for (const request of requests) byMoment.set(request.at, [...(byMoment.get(request.at) ?? []), request])
  const found = new Map<string, EpicPoint | null>()
  for (const [at, group] of byMoment) {
    const points = await lookup([...new Set(group.map((r) => r.epicId))], at, side)
    for (const { id, epicId } of group) found.set(id, points.get(epicId) ?? null)
  }
  return found
}

export interface StartFigures {
  /** When these figures start counting: the moment asked for, or the first read after it. */
  at: string
  point: EpicPoint
  /** The point was already in force at the moment asked for. */
  inForce: boolean
}

/**
 * Each interval's figures from `max(from, linkedAt)`: the point in force then, or else the first
 * point read before the interval (or `now`) ends, which is then when the epic's figures entered.
 */
export async function startFigures(lookup: PointLookup, intervals: readonly LinkInterval[], from: string, now: string): Promise<Map<string, StartFigures | null>> {
  const moment = (i: LinkInterval) => (i.linkedAt > from ? i.linkedAt : from)
  const requests = intervals.map((i) => ({ id: i.id, epicId: i.jiraIssueId, at: moment(i) }))
  const inForce = await figuresAtEach(lookup, requests)
  const missing = requests.filter((r) => !inForce.get(r.id))
  const later = await figuresAtEach(lookup, missing, 'after')
  const result = new Map<string, StartFigures | null>()
  for (const interval of intervals) {
    const present = inForce.get(interval.id)
    const end = endOf(interval, now)
    const next = later.get(interval.id)
    result.set(
      interval.id,
      present
        ? { at: moment(interval), point: present, inForce: true }
        : next && next.recordedAt <= end
          ? { at: next.recordedAt, point: next, inForce: false }
          : null,
    )
  }
  return result
}

/** When an interval stops counting: its unlinking, or `now`. */
export function endOf(interval: LinkInterval, now: string): string {
  return interval.unlinkedAt !== null && interval.unlinkedAt < now ? interval.unlinkedAt : now
}
