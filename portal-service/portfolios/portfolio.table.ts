// The `portfolios` table: a company's collection of initiatives, with its own list of stages.
import type { Insertable, Selectable, Updateable } from 'kysely'

export interface PortfolioTable {
  id: string
  companyId: string
  name: string
  description: string | null
  /** JSON text: the ordered list of stage names initiatives move through. */
  stages: string
  createdAt: string
  updatedAt: string
}

export type Portfolio = Selectable<PortfolioTable>
export type NewPortfolio = Insertable<PortfolioTable>
export type PortfolioUpdate = Updateable<PortfolioTable>
