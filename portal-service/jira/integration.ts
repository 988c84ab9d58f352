/**
 * @module
 * Assembles the Jira integration from the portal's configuration: the sealed-credential box,
 * the guarded HTTP transport, the sync engine, and the queue that turns change events into
 * targeted re-reads. `main.ts` and the tests both build it here.
 */
import { hostname } from 'node:os'
import type { Kysely } from 'kysely'
import { deriveKey } from '../auth/key-derivation.js'
import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import type { Database } from '../db/database.js'
import { newId } from '../db/ids.js'
import type { Logger } from '../log/logger.js'
import { createSecretBox } from '../secrets/secret-box.js'
import type { ChangeQueue } from '../sync/change-queue.js'
import { createChangeQueue, type ChangeQueueTuning } from '../sync/epic-refresh.js'
import { SyncEngine, type SyncEngineOptions } from '../sync/sync-engine.js'
import type { JiraTransport } from './api-token-source.js'
import { sourceForConnection, type JiraAccess } from './connection-source.js'
import { createSafeFetch } from './safe-fetch.js'

/** Jira requests one sync keeps in flight, and children queries it runs side by side. */
export const JIRA_REQUESTS_IN_FLIGHT = 8

export interface IntegrationOptions {
  db: Kysely<Database>
  config: Pick<Config, 'jiraAllowInsecure' | 'jiraGatewayUrl' | 'syncIntervalMinutes' | 'syncLeaseSeconds'>
  log: Logger
  clock: Clock
  secretKey: Buffer
  /** Tests shorten retries and timeouts; production keeps Jira's recommended backoff. */
  transport?: Partial<JiraTransport>
  sync?: Partial<Pick<SyncEngineOptions, 'leaseMs' | 'epicsPerQuery' | 'parallelQueries' | 'modePolicy' | 'instanceId'>>
  /** How change notices are batched (tests shorten the debounce). */
  changeQueue?: ChangeQueueTuning
}

export interface Integration {
  jira: JiraAccess
  sync: SyncEngine
  /** Change notices (Jira webhooks, Forge events) become batched re-reads here. */
  changes: ChangeQueue
}

export function createIntegration(options: IntegrationOptions): Integration {
  const jira: JiraAccess = {
    // A key of its own for credentials, derived from the portal's secret key.
    box: createSecretBox(deriveKey(options.secretKey, 'jira-credentials')),
    allowInsecure: options.config.jiraAllowInsecure,
    transport: {
      fetch: createSafeFetch({ allowInsecure: options.config.jiraAllowInsecure }),
      gatewayUrl: options.config.jiraGatewayUrl,
      timeoutMs: 30_000,
      // DESIGN.md allows 5–10 in flight per site; 8 keeps a large full read fast while leaving
      // room under Jira's burst limit, and 429s are waited out anyway.
      maxConcurrency: JIRA_REQUESTS_IN_FLIGHT,
      ...options.transport,
    },
  }
  const sync = new SyncEngine({
    db: options.db,
    clock: options.clock,
    log: options.log,
    instanceId: `${hostname()}:${process.pid}:${newId().slice(0, 8)}`,
    parallelQueries: JIRA_REQUESTS_IN_FLIGHT,
    intervalMs: Math.round(options.config.syncIntervalMinutes * 60_000),
    leaseMs: options.config.syncLeaseSeconds * 1000,
    sourceFor: (connection, request) => sourceForConnection(connection, jira, request),
    ...options.sync,
  })
  const changes = createChangeQueue({ db: options.db, log: options.log, sync }, options.changeQueue)
  return { jira, sync, changes }
}
