// The `companies` table: every user and portfolio belongs to one company.
import type { Insertable, Selectable, Updateable } from 'kysely'

export interface CompanyTable {
  id: string
  /** Unique regardless of case (a unique index on lower(name)). */
  name: string
  createdAt: string
}

export type Company = Selectable<CompanyTable>
export type NewCompany = Insertable<CompanyTable>
export type CompanyUpdate = Updateable<CompanyTable>
