// Brings the schema up to date at start-up with Kysely's Migrator over the migrations folder.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { FileMigrationProvider, Migrator, type Kysely } from 'kysely'

/** Absolute, as `FileMigrationProvider` requires; files run in name order. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

export interface MigrationReport {
  /** Names of the migrations applied by this call, in order. */
  applied: string[]
}

/**
 * Applies every pending migration. Safe to call from several instances at once (Kysely takes a
 * database lock). Migrations see the database without the camelCase plugin: they are written in
 * SQL's own snake_case and stay frozen in time.
 * @throws Error naming the migration that failed.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  migrationFolder: string = MIGRATIONS_FOLDER,
): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: db.withoutPlugins(),
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  const failed = results.find((result) => result.status === 'Error')
  if (error || failed) {
    const name = failed?.migrationName ?? 'migration set'
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`Migration ${name} failed: ${reason}`, { cause: error })
  }
  return { applied: results.map((result) => result.migrationName) }
}
