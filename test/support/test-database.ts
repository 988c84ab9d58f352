// Fresh, migrated portal databases for suites that run on both SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { register } from 'tsx/esm/api'
import { inject } from 'vitest'
import type { DatabaseTarget } from '../../portal-service/config.js'
import { openDatabase } from '../../portal-service/db/connect.js'
import type { Database } from '../../portal-service/db/database.js'
import { migrateToLatest } from '../../portal-service/db/migrate.js'

export const DIALECTS = ['sqlite', 'postgres'] as const
export type Dialect = (typeof DIALECTS)[number]

export interface TestDatabase {
  dialect: Dialect
  db: Kysely<Database>
  /** Where it lives, as `config.database` would say. */
  target: DatabaseTarget
  /** Closes it and removes it (the file, or the PostgreSQL database). */
  destroy(): Promise<void>
}

// Kysely's FileMigrationProvider loads migrations with Node's own import(), which vitest does
// not transform: teach Node TypeScript once per worker, as `tsx` does for `npm start`.
let typescriptImports = false
function allowTypeScriptImports(): void {
  if (typescriptImports) return
  register()
  typescriptImports = true
}

/** A new database with every migration applied: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  allowTypeScriptImports()
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pb-sqlite-'))
    const target: DatabaseTarget = { dialect: 'sqlite', file: join(dir, 'portal.sqlite') }
    const db = openDatabase({ database: target })
    await migrateToLatest(db)
    return {
      dialect,
      db,
      target,
      async destroy() {
        await db.destroy().catch(() => undefined)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const adminUrl = inject('postgresAdminUrl')
  const name = `pb_test_${randomBytes(6).toString('hex')}`
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const target: DatabaseTarget = { dialect: 'postgres', url: url.toString() }
  const db = openDatabase({ database: target }, { poolSize: 5 })
  await migrateToLatest(db)
  return {
    dialect,
    db,
    target,
    async destroy() {
      // A test may have closed it already (to see the app cope); dropping must still happen.
      await db.destroy().catch(() => undefined)
      await withAdmin(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      )
    },
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
