// Issue 8, item 5 (security): after a walk through every procedure that handles a secret, no token, secret, password or session id is in a response, a log line or a plain column.
// Narrower checks elsewhere: passwords, sessions and access tokens (test/api/secrets.test.ts); the
// API token after configuring (test/jira-integration/connection.test.ts).
import { createHmac } from 'node:crypto'
import { sql } from 'kysely'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import type { ApiResponse, TestApp } from '../support/test-app.js'
import { DIALECTS } from '../support/test-database.js'

const base64 = (text: string) => Buffer.from(text).toString('base64')

describe.each(DIALECTS)('secrets on %s', (dialect) => {
  let f: JiraFixture
  beforeAll(async () => {
    let app: TestApp['app'] | undefined
    f = await createJiraFixture(dialect, {
      // The sandbox delivers its webhooks straight into the app.
      sandbox: { webhookFetch: async (input, init) => app!.request(new URL(String(input)).pathname, init) },
    })
    app = f.t.app
  })
  afterAll(() => f.destroy())

  test('a full walk: no secret is in a response (but the one that hands it out), a log line, or any column', async () => {
    const { manager } = f.people
    const api = f.api
    /** Each secret, by what it is; the value must appear nowhere it is not meant to. */
    const secrets = new Map<string, string>()
    /** Responses that hand a secret out once, by design, and the secret they may contain. */
    const handsOut = new Map<ApiResponse, string>()
    const responses: ApiResponse[] = []
    const keep = <T extends ApiResponse>(response: T) => (responses.push(response), response)

    // People: a user created with a password, a typo, a change of password, a token.
    const admin = await f.t.newSession({ siteAdmin: true })
    secrets.set('first password', 'first-Password-for-walk')
    secrets.set('mistyped password', 'mistyped-Password-walk')
    secrets.set('second password', 'second-Password-for-walk')
    const email = `walker-${Date.now()}@example.com`
    keep(await admin.post('/api/users', { email, name: 'Walker', password: secrets.get('first password'), companyId: manager.user.companyId }))
    keep(await f.t.anonymous.post('/api/session', { email, password: secrets.get('mistyped password') }))
    const walker = await f.t.signIn({ email, password: secrets.get('first password')! })
    keep(await walker.post('/api/me/password', { currentPassword: secrets.get('first password'), newPassword: secrets.get('second password') }))
    const created = keep(await manager.post('/api/me/tokens', { name: 'walk' }))
    secrets.set('personal access token', created.body.token)
    handsOut.set(created, created.body.token)
    keep(await f.t.client({ Authorization: `Bearer ${created.body.token}` }).get(api('/members')))
    keep(await manager.delete(`/api/me/tokens/${created.body.id}`))

    // Jira: verify right and wrong, configure, sync (also with the token rejected), change account.
    const { admin: jiraAdmin, limited } = f.sandbox.accounts
    secrets.set('API token', jiraAdmin.token)
    secrets.set('API token in Basic auth', base64(`${jiraAdmin.email}:${jiraAdmin.token}`))
    secrets.set('second API token', limited.token)
    secrets.set('second API token in Basic auth', base64(`${limited.email}:${limited.token}`))
    secrets.set('wrong API token', 'ATATT-wrong-token-for-walk')
    const keys = f.sandbox.store.projects().slice(0, 1).map((p) => p.key)
    const jira = { siteUrl: f.sandbox.url, accountEmail: jiraAdmin.email, apiToken: jiraAdmin.token }
    keep(await manager.post(api('/jira/verify'), jira))
    keep(await manager.post(api('/jira/verify'), { ...jira, apiToken: secrets.get('wrong API token') }))
    expect(keep(await manager.call('PUT', api('/jira'), { body: { ...jira, projectKeys: keys } })).status).toBe(201)
    const initiativeId = await f.createInitiative('Walked')
    const epic = f.sandbox.store.epics(keys[0])[0]!
    keep(await manager.post(api(`/initiatives/${initiativeId}/epics`), { epicKey: epic.key }))
    await f.settle()
    f.sandbox.faults.add({ kind: 'unauthorized' })
    keep(await manager.post(api('/jira/sync'), { full: true }))
    await f.settle()
    f.sandbox.faults.clear()
    keep(await manager.patch(api('/jira'), { accountEmail: limited.email, apiToken: secrets.get('wrong API token') }))
    expect(keep(await manager.patch(api('/jira'), { accountEmail: limited.email, apiToken: limited.token })).status).toBe(200)
    keep(await manager.post(api('/jira/sync'), { full: true }))
    await f.settle()
    keep(await manager.get(api('/jira')))
    keep(await manager.get(api('/jira/sync')))

    // Webhooks: created, delivered to (signed), rotated, delivered to with the old secret.
    const webhook = keep(await manager.post(api('/jira/webhook')))
    expect(webhook.status).toBe(201)
    secrets.set('webhook secret', webhook.body.secret)
    handsOut.set(webhook, webhook.body.secret)
    const registered = f.sandbox.webhooks.register({ url: webhook.body.url, secret: webhook.body.secret, events: ['jira:issue_updated'], jql: '' })
    f.sandbox.store.updateIssue(epic.key, { summary: 'Renamed during the walk' })
    await f.sandbox.webhooks.idle()
    const rotated = keep(await manager.post(api('/jira/webhook')))
    secrets.set('rotated webhook secret', rotated.body.secret)
    handsOut.set(rotated, rotated.body.secret)
    f.sandbox.store.updateIssue(epic.key, { summary: 'Renamed again' })
    await f.sandbox.webhooks.idle()
    f.sandbox.webhooks.remove(registered.id)
    const deliveries = f.sandbox.webhooks.deliveries
    expect(deliveries.map((d) => d.attempts.at(-1)?.status)).toEqual([202, 401])
    // A signature computed from the secret is as good as the secret for that body: never kept either.
    for (const delivery of deliveries) {
      secrets.set(`signature of delivery ${delivery.identifier}`, createHmac('sha256', webhook.body.secret).update(delivery.body).digest('hex'))
    }
    keep(await manager.get(api('/jira/webhook')))
    keep(await manager.delete(api('/jira')))
    keep(await walker.delete('/api/session'))

    for (const [who, session] of Object.entries({ ...f.people, admin, walker })) secrets.set(`session id of ${who}`, session.sessionToken)
    secrets.set('portal secret key (hex)', f.t.secretKey.toString('hex'))
    secrets.set('portal secret key (base64)', f.t.secretKey.toString('base64'))

    const logs = f.t.logLines.join('\n')
    const columns = await everyColumn(f.t)
    expect(columns).toContain(email)
    expect(logs).toContain('"path":"/api/portfolios/')
    const leaks: string[] = []
    for (const [what, value] of secrets) {
      expect(value.length, what).toBeGreaterThanOrEqual(12)
      if (logs.includes(value)) leaks.push(`${what} in the log`)
      if (columns.includes(value)) leaks.push(`${what} in a column`)
      for (const response of responses) {
        const text = JSON.stringify(response.body)
        if (text.includes(value) && handsOut.get(response) !== value) leaks.push(`${what} in a response (${response.status})`)
      }
    }
    expect(leaks).toEqual([])
    // The ones handed out once were really there, so the check could see them.
    for (const [response, value] of handsOut) expect(JSON.stringify(response.body)).toContain(value)
  })
})

/** Every value of every table, as one string, read without the app's column mapping. */
async function everyColumn(t: TestApp): Promise<string> {
  const tables =
    t.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(t.db)
  const dumps: string[] = []
  for (const { name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(t.db.withoutPlugins())
    dumps.push(JSON.stringify(rows.rows))
  }
  return dumps.join('\n')
}
