// The one place that knows which database engine the portal is talking to.
import { PostgresAdapter, type Kysely, type SelectQueryBuilder } from 'kysely'

export type DialectName = 'sqlite' | 'postgres'

/** Works for a `Kysely` and for a `Transaction` (which is one). */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

/**
 * Locks the selected rows until the transaction ends, for read-check-write sequences (the last
 * manager, an initiative's version). PostgreSQL needs `FOR UPDATE`; SQLite has no such clause and
 * needs none, since it runs one write transaction at a time.
 *
 * @example
 * await trx.selectFrom('portfolios').selectAll().where('id', '=', id).$call(lockForUpdate(trx))
 */
export function lockForUpdate(db: Kysely<any>) {
  const postgres = dialectOf(db) === 'postgres'
  return <QB extends SelectQueryBuilder<any, any, any>>(query: QB): QB =>
    postgres ? (query.forUpdate() as QB) : query
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}

/** A unique or primary-key constraint refused the write (`23505` on PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error)
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}

/** A foreign key refused the write (`23503` on PostgreSQL). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = errorCode(error)
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}

/** `count(*)` comes back as a string from `pg` (bigint) and as a number from SQLite. */
export function toCount(value: string | number | bigint | null | undefined): number {
  return Number(value ?? 0)
}
