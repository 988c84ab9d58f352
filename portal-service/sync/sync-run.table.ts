// The `sync_runs` table: one row per sync of a portfolio, with what it cost and how it ended.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export const SYNC_KINDS = ['full', 'incremental', 'epics'] as const
export type SyncKind = (typeof SYNC_KINDS)[number]

export const SYNC_TRIGGERS = ['schedule', 'manual', 'link', 'configure', 'event'] as const
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number]

export const SYNC_OUTCOMES = ['running', 'ok', 'partial', 'failed'] as const
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number]

export interface SyncRunTable {
  id: string
  portfolioId: string
  kind: SyncKind
  trigger: SyncTrigger
  startedAt: string
  finishedAt: string | null
  outcome: Generated<SyncOutcome>
  /** Jira requests made, retries included. */
  calls: Generated<number>
  epicsRead: Generated<number>
  childrenRead: Generated<number>
  errorKind: string | null
  errorMessage: string | null
  instanceId: string
}

export type SyncRun = Selectable<SyncRunTable>
export type NewSyncRun = Insertable<SyncRunTable>
export type SyncRunUpdate = Updateable<SyncRunTable>
