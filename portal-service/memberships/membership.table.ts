// The `memberships` table: who may see or change a portfolio, and with which role.
import type { Insertable, Selectable, Updateable } from 'kysely'

export const ROLES = ['manager', 'contributor', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export interface MembershipTable {
  portfolioId: string
  userId: string
  role: Role
  createdAt: string
  updatedAt: string
}

export type Membership = Selectable<MembershipTable>
export type NewMembership = Insertable<MembershipTable>
export type MembershipUpdate = Updateable<MembershipTable>
