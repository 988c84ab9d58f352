// The schema and the dialect helpers behave the same on SQLite and PostgreSQL.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, sql } from 'kysely'
import { newId } from '../../portal-service/db/ids.js'
import {
  dialectOf,
  isForeignKeyViolation,
  isUniqueViolation,
  lockForUpdate,
  toCount,
} from '../../portal-service/db/dialect.js'
import { MIGRATIONS_FOLDER, migrateToLatest } from '../../portal-service/db/migrate.js'
import type { Database } from '../../portal-service/db/database.js'
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.js'

const NOW = '2026-11-25T09:00:00.000Z'

describe.each(DIALECTS)('persistence on %s', (dialect) => {
  let database: TestDatabase
  let db: Kysely<Database>
  beforeAll(async () => {
    database = await createTestDatabase(dialect)
    db = database.db
  })
  afterAll(() => database.destroy())

  async function company() {
    const id = newId()
    await db
      .insertInto('companies')
      .values({ id, name: `C ${id}`, createdAt: NOW })
      .execute()
    return id
  }
  async function user(companyId: string, email = `${newId()}@example.com`) {
    const id = newId()
    await db
      .insertInto('users')
      .values({
        id,
        companyId,
        email,
        name: 'U',
        passwordHash: 'x',
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute()
    return id
  }

  test('the dialect is recognised, from a Kysely and from a transaction', async () => {
    expect(dialectOf(db)).toBe(dialect)
    await db.transaction().execute(async (trx) => expect(dialectOf(trx)).toBe(dialect))
  })

  test('migrating again applies nothing', async () => {
    expect((await migrateToLatest(db)).applied).toEqual([])
  })

  test('a failing migration stops start-up with its name', async () => {
    // Inside the project, so the copied migrations resolve `kysely` and load as ES modules.
    const scratch = join(MIGRATIONS_FOLDER, '../../../test-output')
    mkdirSync(scratch, { recursive: true })
    const folder = mkdtempSync(join(scratch, 'migrations-'))
    try {
      for (const file of readdirSync(MIGRATIONS_FOLDER))
        cpSync(join(MIGRATIONS_FOLDER, file), join(folder, file))
      writeFileSync(
        join(folder, '2099_01_01_0000_broken.ts'),
        "export async function up(db: any) { await db.schema.createTable('users').addColumn('id', 'text').execute() }\n",
      )
      await expect(migrateToLatest(db, folder)).rejects.toThrow(
        /^Migration 2099_01_01_0000_broken failed: /,
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  test('values come back with the same types from both drivers', async () => {
    const companyId = await company()
    const userId = await user(companyId)
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ id: userId, companyId, siteAdmin: 0, createdAt: NOW })
    expect(typeof row.siteAdmin).toBe('number')
  })

  test('a duplicate email is a unique violation; an unknown company a foreign-key violation', async () => {
    const companyId = await company()
    await user(companyId, 'twin@example.com')
    const duplicate = await user(companyId, 'twin@example.com').catch((error: unknown) => error)
    expect(isUniqueViolation(duplicate)).toBe(true)
    expect(isForeignKeyViolation(duplicate)).toBe(false)
    const orphan = await user(newId()).catch((error: unknown) => error)
    expect(isForeignKeyViolation(orphan)).toBe(true)
    expect(isUniqueViolation(orphan)).toBe(false)
    expect(isUniqueViolation(new Error('other'))).toBe(false)
  })

  test('company names are unique regardless of case', async () => {
    await db
      .insertInto('companies')
      .values({ id: newId(), name: 'Case Co', createdAt: NOW })
      .execute()
    const error = await db
      .insertInto('companies')
      .values({ id: newId(), name: 'CASE co', createdAt: NOW })
      .execute()
      .catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
  })

  test('check constraints refuse values the application would never write', async () => {
    const companyId = await company()
    const userId = await user(companyId)
    const portfolioId = newId()
    await db
      .insertInto('portfolios')
      .values({
        id: portfolioId,
        companyId,
        name: 'P',
        description: null,
        stages: '["A","B"]',
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute()
    const badRole = db
      .insertInto('memberships')
      .values({ portfolioId, userId, role: 'owner' as never, createdAt: NOW, updatedAt: NOW })
      .execute()
    await expect(badRole).rejects.toThrow()
    const backwards = db
      .insertInto('initiatives')
      .values({
        id: newId(),
        portfolioId,
        name: 'I',
        description: null,
        stage: 'A',
        ownerId: null,
        startDate: '2027-02-01',
        targetDate: '2027-01-01',
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute()
    await expect(backwards).rejects.toThrow()
  })

  test('deleting a user cascades to sessions and memberships and clears ownership', async () => {
    const companyId = await company()
    const userId = await user(companyId)
    const portfolioId = newId()
    await db
      .insertInto('portfolios')
      .values({
        id: portfolioId,
        companyId,
        name: 'P',
        description: null,
        stages: '["A"]',
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute()
    await db
      .insertInto('memberships')
      .values({ portfolioId, userId, role: 'manager', createdAt: NOW, updatedAt: NOW })
      .execute()
    await db
      .insertInto('sessions')
      .values({
        idHash: newId(),
        userId,
        createdAt: NOW,
        lastSeenAt: NOW,
        expiresAt: NOW,
        userAgent: null,
      })
      .execute()
    const initiativeId = newId()
    await db
      .insertInto('initiatives')
      .values({
        id: initiativeId,
        portfolioId,
        name: 'I',
        description: null,
        stage: 'A',
        ownerId: userId,
        startDate: null,
        targetDate: null,
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute()

    await db.deleteFrom('users').where('id', '=', userId).execute()
    expect(
      await db.selectFrom('sessions').select('idHash').where('userId', '=', userId).execute(),
    ).toEqual([])
    expect(
      await db.selectFrom('memberships').select('userId').where('userId', '=', userId).execute(),
    ).toEqual([])
    const initiative = await db
      .selectFrom('initiatives')
      .select('ownerId')
      .where('id', '=', initiativeId)
      .executeTakeFirstOrThrow()
    expect(initiative.ownerId).toBeNull()
  })

  test('lockForUpdate adds FOR UPDATE on PostgreSQL only, and the query runs', async () => {
    const query = db.selectFrom('portfolios').selectAll().$call(lockForUpdate(db))
    expect(/for update/i.test(query.compile().sql)).toBe(dialect === 'postgres')
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('portfolios').selectAll().$call(lockForUpdate(trx)).execute()
    })
  })

  test('count(*) is a number after toCount on both drivers', async () => {
    const row = await db
      .selectFrom('companies')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow()
    expect(toCount(row.count)).toBeGreaterThan(0)
    const raw = await sql<{ n: number }>`select 1 as n`.execute(db)
    expect(raw.rows[0]!.n).toBe(1)
  })
})
