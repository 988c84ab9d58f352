// The audit trail as the API shows it.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import * as auditRepository from './audit.repository.js'

export interface AuditEntryView {
  id: string
  at: string
  actor: { id: string; name: string; email: string } | null
  action: string
  targetType: string
  targetId: string | null
  details: Record<string, unknown>
}

export function toAuditEntryView(row: auditRepository.AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at,
    actor:
      row.actorId && row.actorName !== null && row.actorEmail !== null
        ? { id: row.actorId, name: row.actorName, email: row.actorEmail }
        : null,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }
}

/**
 * A page of a portfolio's trail, newest first. `before` is the id of the last entry of the
 * previous page; an id that is not in this portfolio's trail gives an empty page.
 */
export async function listPortfolioAudit(
  db: Kysely<Database>,
  portfolioId: string,
  page: { limit: number; before?: string | undefined },
): Promise<AuditEntryView[]> {
  let after: auditRepository.AuditPage['after']
  if (page.before !== undefined) {
    const cursor = await auditRepository.findAuditEntry(db, portfolioId, page.before)
    if (!cursor) return []
    after = { at: cursor.at, id: cursor.id }
  }
  const rows = await auditRepository.listPortfolioAudit(db, portfolioId, {
    limit: page.limit,
    after,
  })
  return rows.map(toAuditEntryView)
}
