// Companies as site admins manage them.
import type { Kysely } from 'kysely'
import * as auditRepository from '../audit/audit.repository.js'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { isUniqueViolation } from '../db/dialect.js'
import { newId } from '../db/ids.js'
import { ApiError } from '../http/errors.js'
import * as companyRepository from './company.repository.js'
import type { Company } from './company.table.js'

export interface CompanyView {
  id: string
  name: string
  createdAt: string
}

export function toCompanyView(row: Company): CompanyView {
  return { id: row.id, name: row.name, createdAt: row.createdAt }
}

/** @throws ApiError 409 `company_exists` when the name is taken, whatever its case. */
export async function createCompany(
  db: Kysely<Database>,
  clock: Clock,
  actorId: string | null,
  name: string,
): Promise<CompanyView> {
  try {
    const company = await db.transaction().execute(async (trx) => {
      const row = await companyRepository.insertCompany(trx, {
        id: newId(),
        name,
        createdAt: clock.now().toISOString(),
      })
      await auditRepository.recordAudit(trx, clock, {
        actorId,
        portfolioId: null,
        action: 'company.created',
        targetType: 'company',
        targetId: row.id,
        details: { name },
      })
      return row
    })
    return toCompanyView(company)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(409, 'company_exists', `A company named "${name}" already exists.`)
    }
    throw error
  }
}

export async function listCompanies(db: Kysely<Database>): Promise<CompanyView[]> {
  return (await companyRepository.listCompanies(db)).map(toCompanyView)
}
