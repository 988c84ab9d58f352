// Reads and writes of the audit log.
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { newId } from '../db/ids.js'
import type { AuditEntry } from './audit.table.js'

export interface AuditRecord {
  actorId: string | null
  portfolioId: string | null
  /** Dotted past tense, e.g. `member.removed`. */
  action: string
  targetType: string
  targetId: string | null
  details?: Record<string, unknown>
}

/**
 * Appends one entry. Call it with the transaction that makes the change, so the change and its
 * record commit or roll back together.
 */
export async function recordAudit(
  trx: Kysely<Database>,
  clock: Clock,
  record: AuditRecord,
): Promise<void> {
  await trx
    .insertInto('auditLog')
    .values({
      id: newId(),
      at: clock.now().toISOString(),
      actorId: record.actorId,
      portfolioId: record.portfolioId,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      details: JSON.stringify(record.details ?? {}),
    })
    .execute()
}

export interface AuditPage {
  limit: number
  /** Only entries after this one in newest-first order (the previous page's last entry). */
  after?: { at: string; id: string } | undefined
}

export type AuditRow = AuditEntry & { actorName: string | null; actorEmail: string | null }

/** A portfolio's entries, newest first. */
export async function listPortfolioAudit(
  db: Kysely<Database>,
  portfolioId: string,
  page: AuditPage,
): Promise<AuditRow[]> {
  return db
    .selectFrom('auditLog')
    .leftJoin('users', 'users.id', 'auditLog.actorId')
    .selectAll('auditLog')
    .select(['users.name as actorName', 'users.email as actorEmail'])
    .where('auditLog.portfolioId', '=', portfolioId)
    .$if(page.after !== undefined, (query) =>
      query.where((eb) =>
        eb.or([
          eb('auditLog.at', '<', page.after!.at),
          eb.and([eb('auditLog.at', '=', page.after!.at), eb('auditLog.id', '<', page.after!.id)]),
        ]),
      ),
    )
    .orderBy('auditLog.at', 'desc')
    .orderBy('auditLog.id', 'desc')
    .limit(page.limit)
    .execute()
}

export async function findAuditEntry(
  db: Kysely<Database>,
  portfolioId: string,
  id: string,
): Promise<AuditEntry | undefined> {
  return db
    .selectFrom('auditLog')
    .selectAll()
    .where('id', '=', id)
    .where('portfolioId', '=', portfolioId)
    .executeTakeFirst()
}
