// What every request handler can rely on: the injected dependencies and per-request variables.
import type { HttpBindings } from '@hono/node-server'
import type { Kysely } from 'kysely'
import type { SecureHeadersVariables } from 'hono/secure-headers'
import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import type { JiraAccess } from '../jira/connection-source.js'
import type { ChangeQueue } from '../sync/change-queue.js'
import type { SyncEngine } from '../sync/sync-engine.js'
import type { Database } from '../db/database.js'
import type { Logger } from '../log/logger.js'
import type { Actor } from '../policy/actor.js'
import type { UserView } from '../users/user.service.js'

/**
 * Everything the app needs from outside, passed to `createApp` (no module-level globals, so one
 * process can run several apps, e.g. a suite on SQLite and PostgreSQL). Extend it by adding
 * fields here and passing them from `main.ts` and `test/support/test-app.ts`.
 */
export interface AppDeps {
  db: Kysely<Database>
  config: Config
  log: Logger
  clock: Clock
  /** 32 bytes; sub-keys are derived from it per purpose (see `auth/key-derivation.ts`). */
  secretKey: Buffer
  /** How the portal reaches Jira sites, and the box their credentials are sealed in. */
  jira: JiraAccess
  /** Keeps connected portfolios' figures fresh. */
  sync: SyncEngine
  /** Turns change notices (Jira webhooks, Forge events) into batched, targeted re-reads. */
  changes: ChangeQueue
}

/** How the current request proved who it is. */
export type Credential = { kind: 'session'; idHash: string } | { kind: 'token'; tokenId: string }

export interface AppVariables extends SecureHeadersVariables {
  deps: AppDeps
  /** The request's logger: every line carries `requestId`. */
  log: Logger
  requestId: string
  /** Address of the client (the proxy's view of it when TRUST_PROXY=1). */
  clientIp: string
  user: UserView | null
  actor: Actor | null
  credential: Credential | null
}

export interface AppEnv {
  // Absent when the app is called with `app.request()` (tests): read with `c.env?.incoming`.
  Bindings: Partial<HttpBindings>
  Variables: AppVariables
}

/** The environment of routes guarded by `requireUser`: a user is known. */
export interface AuthedEnv extends AppEnv {
  Variables: AppVariables & { user: UserView; actor: Actor; credential: Credential }
}
