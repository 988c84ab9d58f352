// Passwords and tokens never show up where they should not: logs, responses, plain columns.
import { sql } from 'kysely'
import { DIALECTS } from '../support/test-database.js'
import { createTestApp, type TestApp } from '../support/test-app.js'

describe.each(DIALECTS)('secrets on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(() => t.destroy())

  test('passwords, session ids and access tokens appear in no log line, response or column', async () => {
    const admin = await t.newSession({ siteAdmin: true })
    const company = await t.createCompany()
    const secrets = {
      first: 'first-Password-1234',
      typo: 'typo-Password-5678',
      second: 'second-Password-9012',
    }
    const bodies: string[] = []
    const keep = <T extends { body: unknown }>(response: T) => {
      bodies.push(JSON.stringify(response.body))
      return response
    }

    const created = keep(
      await admin.post('/api/users', {
        email: 'secret.keeper@example.com',
        name: 'Keeper',
        password: secrets.first,
        companyId: company.id,
      }),
    )
    expect(created.status).toBe(201)
    keep(
      await t.anonymous.post('/api/session', {
        email: 'secret.keeper@example.com',
        password: secrets.typo,
      }),
    )
    const keeper = await t.signIn({ email: 'secret.keeper@example.com', password: secrets.first })
    keep(
      await keeper.post('/api/me/password', {
        currentPassword: secrets.first,
        newPassword: secrets.second,
      }),
    )
    const token = keep(await keeper.post('/api/me/tokens', { name: 'script' })).body.token as string
    keep(await t.client({ Authorization: `Bearer ${token}` }).get('/api/me'))
    keep(await keeper.get('/api/me'))
    keep(await admin.get('/api/users'))

    const logs = t.logLines.join('\n')
    const everyColumn = await dumpDatabase(t)
    for (const secret of [...Object.values(secrets), keeper.sessionToken, admin.sessionToken]) {
      expect(logs).not.toContain(secret)
      expect(bodies.join('\n')).not.toContain(secret)
      expect(everyColumn).not.toContain(secret)
    }
    // The token itself was in its creation response only, by design; it is nowhere else.
    expect(logs).not.toContain(token)
    expect(everyColumn).not.toContain(token)
    // Sign-ins were logged, without their bodies.
    expect(logs).toContain('"path":"/api/session"')
  })
})

// Every value of every table, as one string.
async function dumpDatabase(t: TestApp): Promise<string> {
  const tables =
    t.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
          t.db,
        )
      : await sql<{
          name: string
        }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(
          t.db,
        )
  const dumps: string[] = []
  for (const { name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(t.db.withoutPlugins())
    dumps.push(JSON.stringify(rows.rows))
  }
  expect(dumps.join('')).toContain('secret.keeper@example.com')
  return dumps.join('\n')
}
