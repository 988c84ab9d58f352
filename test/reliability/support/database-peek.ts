// The test's own look into a portal database another process is using: raw SQL, integrity checks, and who holds the write lock.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import type { Dialect } from '../../support/test-database.js'

export interface DatabasePeek {
  dialect: Dialect
  /** `?` placeholders on both engines. */
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  run(sql: string, params?: unknown[]): Promise<void>
  /** What the engine's own checker finds wrong; empty when the database is intact. */
  integrityProblems(): Promise<string[]>
  close(): Promise<void>
}

export interface PortalDatabase {
  dialect: Dialect
  /** For the portal's DATABASE_URL. */
  url: string
  /** SQLite only: the file. */
  file: string | null
  peek(): Promise<DatabasePeek>
  destroy(): Promise<void>
}

/** A database no portal has touched yet: a temp SQLite file, or a new database on the test run's PostgreSQL server. */
export async function createPortalDatabase(dialect: Dialect, adminUrl: string): Promise<PortalDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pb-crash-'))
    const file = join(dir, 'portal.sqlite')
    return { dialect, url: `file:${file}`, file, peek: async () => peekSqlite(file), destroy: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `pb_reliability_${randomBytes(6).toString('hex')}`
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    dialect,
    url: url.toString(),
    file: null,
    peek: () => peekPostgres(url.toString()),
    destroy: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

function peekSqlite(file: string): DatabasePeek {
  const db = new SqliteDatabase(file, { timeout: 10_000 })
  return {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
    run: async (sql, params = []) => void db.prepare(sql).run(...params),
    async integrityProblems() {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check)
      const foreignKeys = (db.pragma('foreign_key_check') as unknown[]).map((row) => `foreign key: ${JSON.stringify(row)}`)
      return [...integrity.filter((line) => line !== 'ok'), ...foreignKeys]
    },
    close: async () => {
      db.close()
    },
  }
}

async function peekPostgres(url: string): Promise<DatabasePeek> {
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const numbered = (sql: string) => {
    let n = 0
    return sql.replace(/\?/g, () => `$${++n}`)
  }
  const all = async <T>(sql: string, params: unknown[] = []) => (await pool.query(numbered(sql), params)).rows as T[]
  return {
    dialect: 'postgres',
    all,
    run: async (sql, params = []) => void (await pool.query(numbered(sql), params)),
    async integrityProblems() {
      // amcheck: every B-tree index against its table, and every table's heap.
      await pool.query('CREATE EXTENSION IF NOT EXISTS amcheck')
      const indexes = await all<{ name: string }>(
        `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
         WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace`,
      )
      const problems: string[] = []
      for (const { name } of indexes) {
        await pool.query(`SELECT bt_index_check('public.${name}'::regclass, true)`).catch((error: Error) => problems.push(`${name}: ${error.message}`))
      }
      const tables = await all<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)
      for (const { name } of tables) {
        const rows = await all<{ msg: string }>(`SELECT msg FROM verify_heapam('public.${name}'::regclass)`)
        problems.push(...rows.map((row) => `${name}: ${row.msg}`))
      }
      return problems
    },
    close: () => pool.end(),
  }
}

/**
 * SQLite: whether another connection holds the write lock now, asked without waiting. In WAL
 * mode only a transaction that has started writing holds it, so a long hold is a write
 * transaction in progress.
 */
export function sqliteWriteLockProbe(file: string): { held(): boolean; close(): void } {
  const db = new SqliteDatabase(file, { timeout: 0 })
  const begin = db.prepare('BEGIN IMMEDIATE')
  const rollback = db.prepare('ROLLBACK')
  return {
    held() {
      try {
        begin.run()
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return true
        throw error
      }
      rollback.run()
      return false
    },
    close: () => db.close(),
  }
}
