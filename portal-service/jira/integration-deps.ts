// What the Jira integration's services need from the portal, passed in rather than imported.
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import type { Logger } from '../log/logger.js'
import type { SyncEngine } from '../sync/sync-engine.js'
import type { JiraAccess } from './connection-source.js'

export interface IntegrationDeps {
  db: Kysely<Database>
  clock: Clock
  log: Logger
  jira: JiraAccess
  sync: SyncEngine
}

/** DESIGN.md: at most 20 linked projects per portfolio and 20 linked epics per initiative. */
export const PROJECT_LIMIT = 20
export const EPIC_LIMIT = 20
