/**
 * @module
 * Full read or incremental read? Pure. An incremental read asks Jira only for issues updated
 * since the last good sync started, widened by an overlap because Jira's search index is
 * eventually consistent; a periodic full read reconciles what it cannot see (deletions,
 * moves out of linked projects, children in other projects).
 */

export interface SyncHistory {
  /** When the last successful sync started (incremental windows start there). */
  lastSyncStartedAt: Date | null
  /** When the last successful full sync started. */
  lastFullSyncAt: Date | null
}

export interface SyncModePolicy {
  /** A full read at least this often. */
  fullEveryMs: number
  /** Overlap added to each incremental window. */
  overlapMs: number
  /** After a gap this long, reading "what changed" costs more than it saves: read in full. */
  maxIncrementalGapMs: number
}

export const DEFAULT_SYNC_MODE_POLICY: SyncModePolicy = {
  fullEveryMs: 6 * 60 * 60 * 1000,
  overlapMs: 2 * 60 * 1000,
  maxIncrementalGapMs: 24 * 60 * 60 * 1000,
}

export type SyncMode = { mode: 'full'; reason: string } | { mode: 'incremental'; sinceMinutes: number }

export function decideSyncMode(
  history: SyncHistory,
  now: Date,
  policy: SyncModePolicy = DEFAULT_SYNC_MODE_POLICY,
  requested: 'auto' | 'full' = 'auto',
): SyncMode {
  if (requested === 'full') return { mode: 'full', reason: 'requested' }
  if (!history.lastFullSyncAt || !history.lastSyncStartedAt) return { mode: 'full', reason: 'first read' }
  if (now.getTime() - history.lastFullSyncAt.getTime() >= policy.fullEveryMs) {
    return { mode: 'full', reason: 'periodic reconcile' }
  }
  const gap = now.getTime() - history.lastSyncStartedAt.getTime()
  if (gap >= policy.maxIncrementalGapMs) return { mode: 'full', reason: 'long gap since the last sync' }
  // A clock that went backwards must not shrink the window below the overlap.
  const windowMs = Math.max(gap, 0) + policy.overlapMs
  return { mode: 'incremental', sinceMinutes: Math.ceil(windowMs / 60_000) }
}
