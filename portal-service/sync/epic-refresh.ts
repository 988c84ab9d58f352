/**
 * @module
 * Wires the change queue to the portal: a burst's notices are mapped to tracked epics from the
 * database alone (no Jira call for unlinked work), and those epics are re-read in full through
 * the sync engine, which records a run with trigger `event`. Figures never come from an event.
 */
import type { Kysely } from 'kysely'
import type { ChangeNotice } from '../../shared/events/change-notice.js'
import type { Database } from '../db/database.js'
import * as childRepository from '../epics/epic-child.repository.js'
import * as linkedEpicRepository from '../epics/linked-epic.repository.js'
import type { Logger } from '../log/logger.js'
import { ChangeQueue, type ChangeQueueOptions } from './change-queue.js'
import { epicsForNotices, noticedIssueIds } from './notice-targets.js'
import type { SyncEngine } from './sync-engine.js'

export type ChangeQueueTuning = Pick<
  ChangeQueueOptions,
  'debounceMs' | 'maxWaitMs' | 'retryMs' | 'maxAttempts' | 'maxNotices'
>

/** The tracked epics a burst may have changed, from what the portal holds. */
export async function resolveNoticeTargets(
  db: Kysely<Database>,
  portfolioId: string,
  notices: readonly ChangeNotice[] | 'all',
): Promise<string[]> {
  const tracked = await linkedEpicRepository.trackedEpicIds(db, portfolioId)
  if (notices === 'all') return tracked
  const storedEpicOf = await childRepository.epicOfChildren(
    db,
    portfolioId,
    noticedIssueIds(notices),
  )
  return epicsForNotices(notices, new Set(tracked), storedEpicOf)
}

export function createChangeQueue(
  deps: { db: Kysely<Database>; log: Logger; sync: SyncEngine },
  tuning: ChangeQueueTuning = {},
): ChangeQueue {
  return new ChangeQueue({
    resolve: (portfolioId, notices) => resolveNoticeTargets(deps.db, portfolioId, notices),
    refresh: (portfolioId, epicIds) => deps.sync.refreshEpics(portfolioId, epicIds, 'event'),
    log: deps.log,
    ...tuning,
  })
}
