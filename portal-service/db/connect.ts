// Opens the portal database: an embedded SQLite file by default, PostgreSQL for several instances.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { DatabaseTarget } from '../config.js'
import type { Database } from './database.js'
import { withStatementCache } from './statement-cache.js'

export interface OpenDatabaseOptions {
  /** Connections in the PostgreSQL pool (default 10). */
  poolSize?: number
  /**
   * Called when an idle pooled connection fails (the server restarted, say). Without a listener
   * `pg` would crash the process; the next query simply opens a new connection.
   */
  onPoolError?: (error: Error) => void
}

/**
 * Returns a `Kysely<Database>` with snake_case columns mapped to camelCase. SQLite runs in WAL
 * mode with foreign keys enforced; its directory is created on first start. Call `destroy()` to
 * close it.
 */
export function openDatabase(
  config: { database: DatabaseTarget },
  options: OpenDatabaseOptions = {},
): Kysely<Database> {
  const target = config.database
  const plugins = [new CamelCasePlugin()]
  if (target.dialect === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true })
    const sqlite = new SqliteDatabase(target.file)
    // WAL lets readers proceed while one writer commits; SQLite leaves foreign keys off unless asked.
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('synchronous = NORMAL')
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins })
  }
  const pool = new pg.Pool({ connectionString: target.url, max: options.poolSize ?? 10 })
  pool.on('error', options.onPoolError ?? (() => undefined))
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins })
}
