// The first start on an empty database: a company and a site admin to sign in with.
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import * as companyRepository from '../companies/company.repository.js'
import type { Database } from '../db/database.js'
import { isUniqueViolation } from '../db/dialect.js'
import { newId } from '../db/ids.js'
import { generatePassword, hashPassword } from './password.js'
import * as userRepository from './user.repository.js'
import { normalizeEmail } from './user.service.js'

/** Used when PORTAL_ADMIN_EMAIL is unset; `.localhost` is reserved and never routes anywhere. */
export const DEFAULT_ADMIN_EMAIL = 'admin@portal.localhost'

export interface FirstAdminSettings {
  adminEmail: string | null
  adminPassword: string | null
  companyName: string
}

export type FirstAdminResult =
  | { created: false }
  /** `generatedPassword` is set when no password was configured: show it once, never log it. */
  | { created: true; email: string; companyName: string; generatedPassword: string | null }

/**
 * Creates the company and the first site admin if the database has no user yet; otherwise does
 * nothing. Two instances starting at once on PostgreSQL cannot both create one.
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  clock: Clock,
  settings: FirstAdminSettings,
): Promise<FirstAdminResult> {
  if ((await userRepository.countUsers(db)) > 0) return { created: false }
  const email = normalizeEmail(settings.adminEmail ?? DEFAULT_ADMIN_EMAIL)
  const generatedPassword = settings.adminPassword === null ? generatePassword() : null
  const passwordHash = await hashPassword(settings.adminPassword ?? generatedPassword!)
  try {
    return await db.transaction().execute(async (trx) => {
      if ((await userRepository.countUsers(trx)) > 0) return { created: false } as const
      const now = clock.now().toISOString()
      // A company may be left over from an earlier setup; the admin joins it.
      const company =
        (await companyRepository.findCompanyByName(trx, settings.companyName)) ??
        (await companyRepository.insertCompany(trx, {
          id: newId(),
          name: settings.companyName,
          createdAt: now,
        }))
      await userRepository.insertUser(trx, {
        id: newId(),
        companyId: company.id,
        email,
        name: 'Site admin',
        passwordHash,
        siteAdmin: 1,
        createdAt: now,
        updatedAt: now,
      })
      return { created: true, email, companyName: company.name, generatedPassword } as const
    })
  } catch (error) {
    // Another instance won the race: its admin is the first admin.
    if (isUniqueViolation(error)) return { created: false }
    throw error
  }
}
