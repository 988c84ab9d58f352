// The delivery URL is public, so only a valid signature counts: forged, replayed, oversized and
// junk deliveries are refused and change nothing; the secret is shown once and kept nowhere in
// plain text; only same-company managers manage the webhook.
import { sql } from 'kysely'
import fc from 'fast-check'
import { createApp } from '../../portal-service/app.js'
import { createChangeQueue } from '../../portal-service/sync/epic-refresh.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { DIALECTS } from '../support/test-database.js'
import {
  configureWebhook,
  issueEventBody,
  postOnce,
  servePortal,
  sign,
  type ConfiguredWebhook,
  type PortalServer,
} from '../support/webhook-fixture.js'

const MB = 1024 * 1024

describe.each(DIALECTS)('Jira webhook deliveries on %s', (dialect) => {
  let f: JiraFixture
  let server: PortalServer
  let hook: ConfiguredWebhook
  let child: { id: string; key: string; parentId: string; projectId: string; projectKey: string }
  const secrets: string[] = []
  const post = (body: string, headers: Record<string, string> = {}, url = hook.url) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    })
  const webhookRow = () =>
    f.t.db
      .selectFrom('jiraWebhooks')
      .selectAll()
      .where('portfolioId', '=', f.portfolioId)
      .executeTakeFirstOrThrow()
  const runCount = async () =>
    (
      await f.t.db
        .selectFrom('syncRuns')
        .select('id')
        .where('portfolioId', '=', f.portfolioId)
        .execute()
    ).length
  const state = async () => {
    await f.t.deps.changes.idle()
    const row = await webhookRow()
    return {
      runs: await runCount(),
      deliveries: row.deliveries,
      lastDeliveryAt: row.lastDeliveryAt,
      jira: f.sandbox.requests.length,
    }
  }
  const freshBody = () => issueEventBody(child, f.t.clock.now().getTime())

  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    server = await servePortal(f.t)
    const key = f.sandbox.store.projects()[0]!.key
    await f.connect([key])
    const initiative = await f.createInitiative()
    const epic = f.sandbox.store
      .epics(key)
      .find((e) => f.sandbox.store.children(e.id).some((c) => c.hierarchyLevel === 0))!
    await f.linkEpic(initiative, epic.key)
    const story = f.sandbox.store.children(epic.id).find((c) => c.hierarchyLevel === 0)!
    child = {
      id: story.id,
      key: story.key,
      parentId: epic.id,
      projectId: story.projectId,
      projectKey: key,
    }
    hook = await configureWebhook(f, server)
    secrets.push(hook.secret)
  })
  afterAll(async () => {
    await server?.close()
    await f?.destroy()
  })

  test('a delivery signed with the secret is queued; a forged or missing signature is refused (401) and counted', async () => {
    const body = freshBody()
    expect(
      (
        await post(body, {
          'x-hub-signature': sign(hook.secret, body),
          'x-atlassian-webhook-identifier': 'first',
        })
      ).status,
    ).toBe(202)
    const before = await state()
    const refusedBefore = (await webhookRow()).refusedDeliveries
    const forgeries: Record<string, string>[] = [
      { 'x-hub-signature': sign('not-the-secret', body) },
      {},
      { 'x-hub-signature': 'sha256=zz' },
      { 'x-hub-signature': sign(hook.secret, `${body} `) },
    ]
    for (const headers of forgeries) {
      const response = await post(body, {
        ...headers,
        'x-atlassian-webhook-identifier': crypto.randomUUID(),
      })
      expect(response.status).toBe(401)
      expect((await response.json()).error.code).toBe('invalid_signature')
    }
    expect(await state()).toEqual(before)
    const row = await webhookRow()
    expect(row.refusedDeliveries).toBe(refusedBefore + 4)
    const view = (await f.people.manager.get(f.api('/jira/webhook'))).body
    expect(view.refusedDeliveries).toBe(row.refusedDeliveries)
    expect((await f.people.viewer.get(f.api('/jira'))).body.events.refusedDeliveries).toBe(
      row.refusedDeliveries,
    )
  })

  test('a replay is dropped: the same identifier, or the same body under a new one', async () => {
    const body = freshBody()
    const headers = {
      'x-hub-signature': sign(hook.secret, body),
      'x-atlassian-webhook-identifier': 'replayed-1',
    }
    expect((await post(body, headers)).status).toBe(202)
    const before = await state()
    for (const again of [
      headers,
      { ...headers, 'x-atlassian-webhook-identifier': 'replayed-2' },
      { 'x-hub-signature': headers['x-hub-signature'] },
    ]) {
      const response = await post(body, again)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ status: 'duplicate' })
    }
    expect(await state()).toEqual(before)
  })

  test('a duplicate is dropped by another portal instance on the same database too', async () => {
    const body = freshBody()
    const headers = {
      'x-hub-signature': sign(hook.secret, body),
      'x-atlassian-webhook-identifier': 'shared-id',
    }
    expect((await post(body, headers)).status).toBe(202)
    const changes = createChangeQueue({ db: f.t.db, log: f.t.deps.log, sync: f.t.deps.sync })
    const other = createApp({ ...f.t.deps, changes })
    const response = await other.request(hook.path, { method: 'POST', headers, body })
    expect([response.status, await response.json()]).toEqual([
      200,
      { status: 'duplicate', reason: 'delivered before' },
    ])
    await changes.stop()
  })

  test('a body over 1 MB is refused with 413 before its signature is checked, announced or streamed', async () => {
    const before = await state()
    const refused = (await webhookRow()).refusedDeliveries
    const big = JSON.stringify({
      webhookEvent: 'jira:issue_updated',
      issue: { id: child.id },
      padding: 'x'.repeat(MB),
    })
    const signature = sign(hook.secret, big)
    const bytes = new TextEncoder().encode(big)
    for (const chunked of [false, true]) {
      const answer = await postOnce(hook.url, bytes, { 'x-hub-signature': signature }, chunked)
      expect([answer.status, JSON.parse(answer.body).error.code]).toEqual([413, 'body_too_large'])
    }
    expect((await webhookRow()).refusedDeliveries).toBe(refused)
    expect(await state()).toEqual(before)
    // Exactly 1 MB is allowed (and then judged on its signature).
    const limit = JSON.stringify({ webhookEvent: 'comment_created', padding: '' })
    const padded = limit.replace('"padding":""', `"padding":"${'x'.repeat(MB - limit.length)}"`)
    expect(new TextEncoder().encode(padded).length).toBe(MB)
    // (Without a socket: the server closed the connections it refused mid-body.)
    const exact = await f.t.app.request(hook.path, {
      method: 'POST',
      headers: { 'X-Hub-Signature': sign(hook.secret, padded) },
      body: padded,
    })
    expect(exact.status).toBe(200)
  })

  test('authentic bodies that are not Jira webhooks get 400; other events and stale ones are ignored', async () => {
    const signed = (body: string) => post(body, { 'x-hub-signature': sign(hook.secret, body) })
    expect((await signed('{"webhookEvent": ')).status).toBe(400)
    expect((await signed('{"no":"event"}')).status).toBe(400)
    expect(
      (await signed('{"webhookEvent":"jira:issue_updated","issue":{"key":"X-1"}}')).status,
    ).toBe(400)
    const other = await signed('{"webhookEvent":"sprint_started","sprint":{}}')
    expect([other.status, (await other.json()).status]).toEqual([200, 'ignored'])
    const stale = await signed(
      issueEventBody(child, f.t.clock.now().getTime() - 25 * 60 * 60 * 1000),
    )
    expect([stale.status, await stale.json()]).toEqual([
      200,
      { status: 'ignored', reason: 'stale' },
    ])
    expect(
      (
        await post(
          '{}',
          { 'x-hub-signature': sign(hook.secret, '{}') },
          `${server.url}/api/webhooks/jira/${'A'.repeat(43)}`,
        )
      ).status,
    ).toBe(404)
  })

  test('junk never gets a 5xx, signed or not', async () => {
    const statuses = new Set<number>()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('latin1')),
          fc.constantFrom(
            '',
            'null',
            '[]',
            '{"webhookEvent":"jira:issue_deleted","issue":{"id":"1e3"}}',
          ),
        ),
        fc.oneof(fc.constant('valid'), fc.constant('none'), fc.string({ maxLength: 80 })),
        fc.option(fc.string({ maxLength: 300 })),
        async (body, signature, identifier) => {
          const headers: Record<string, string> = {}
          if (signature === 'valid') headers['X-Hub-Signature'] = sign(hook.secret, body)
          else if (signature !== 'none') headers['X-Hub-Signature'] = signature
          if (identifier !== null) headers['X-Atlassian-Webhook-Identifier'] = identifier
          const response = await f.t.app.request(hook.path, { method: 'POST', headers, body })
          statuses.add(response.status)
          expect(response.status).toBeLessThan(500)
          if (signature !== 'valid') expect(response.status).toBe(401)
        },
      ),
      { numRuns: 300 },
    )
    expect([...statuses].every((s) => [200, 202, 400, 401].includes(s))).toBe(true)
    await f.t.deps.changes.idle()
  })

  test('creating again rotates the secret: the old one stops working at once, the URL stays', async () => {
    const old = hook
    hook = await configureWebhook(f, server)
    secrets.push(hook.secret)
    expect(hook.created).toMatchObject({ rotated: true, url: old.created.url })
    expect(hook.secret).not.toBe(old.secret)
    const body = freshBody()
    expect((await post(body, { 'x-hub-signature': sign(old.secret, body) })).status).toBe(401)
    expect((await post(body, { 'x-hub-signature': sign(hook.secret, body) })).status).toBe(202)
    // Jira, updated with the new secret, delivers again.
    f.sandbox.store.updateIssue(child.id, { summary: 'After the rotation' })
    await f.sandbox.webhooks.idle()
    expect(f.sandbox.webhooks.deliveries.at(-1)).toMatchObject({
      outcome: 'delivered',
      attempts: [{ status: 202 }],
    })
    await f.t.deps.changes.idle()
  })

  test('only same-company managers manage the webhook; anyone may deliver, only a signature counts', async () => {
    const { contributor, viewer, externalManager, nonMember } = f.people
    for (const [who, status] of [
      [contributor, 403],
      [viewer, 403],
      [externalManager, 403],
      [nonMember, 404],
    ] as const) {
      expect((await who.post(f.api('/jira/webhook'))).status).toBe(status)
      expect((await who.get(f.api('/jira/webhook'))).status).toBe(status)
      expect((await who.delete(f.api('/jira/webhook'))).status).toBe(status)
    }
    expect((await f.t.anonymous.post(f.api('/jira/webhook'))).status).toBe(401)
    expect((await f.t.anonymous.get(f.api('/jira/webhook'))).status).toBe(401)
    // Everyone sees whether events flow, never the secret or the URL.
    const events = (await viewer.get(f.api('/jira'))).body.events
    expect(events.status).toBe('live')
    // A delivery needs no session; with one it is judged the same way (and the CSRF check applies).
    const body = freshBody()
    expect(
      (
        await f.t.anonymous.call('POST', hook.path, {
          rawBody: body,
          headers: {
            'X-Hub-Signature': sign(hook.secret, body),
            'content-type': 'application/json',
          },
        })
      ).status,
    ).toBe(202)
    expect(
      (
        await f.t.anonymous.call('POST', hook.path, {
          rawBody: body,
          headers: { 'X-Hub-Signature': sign('guess', body) },
        })
      ).status,
    ).toBe(401)
    await f.t.deps.changes.idle()
  })

  test('the secret never appears in answers after creation, in logs or in plain database columns', async () => {
    await f.sandbox.webhooks.idle()
    await f.t.deps.changes.idle()
    const answers = [
      await f.people.manager.get(f.api('/jira/webhook')),
      await f.people.manager.get(f.api('/jira')),
      await f.people.manager.get(f.api('/audit')),
      await f.people.manager.get(f.api('/jira/sync')),
    ]
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
    const tables =
      dialect === 'sqlite'
        ? (
            await sql<{
              name: string
            }>`select name from sqlite_master where type = 'table'`.execute(f.t.db)
          ).rows.map((r) => r.name)
        : (
            await sql<{
              name: string
            }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(
              f.t.db,
            )
          ).rows.map((r) => r.name)
    expect(tables).toContain('jira_webhooks')
    const dump: string[] = []
    for (const table of tables)
      dump.push(JSON.stringify((await sql`select * from ${sql.table(table)}`.execute(f.t.db)).rows))
    for (const secret of secrets) {
      for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(secret)
      expect(f.t.logLines.join('\n')).not.toContain(secret)
      expect(dump.join('\n')).not.toContain(secret)
    }
    expect((await webhookRow()).secretHint).toBe(`…${hook.secret.slice(-4)}`)
  })

  test('deleting the webhook: its URL answers 404, and the portfolio is back to polling only', async () => {
    expect((await f.people.manager.delete(f.api('/jira/webhook'))).status).toBe(200)
    expect((await f.people.manager.get(f.api('/jira/webhook'))).status).toBe(404)
    expect((await f.people.manager.delete(f.api('/jira/webhook'))).status).toBe(404)
    const body = freshBody()
    expect((await post(body, { 'x-hub-signature': sign(hook.secret, body) })).status).toBe(404)
    expect((await f.people.viewer.get(f.api('/jira'))).body.events).toMatchObject({
      status: 'polling_only',
    })
  })
})

describe.each(DIALECTS)('the webhook URL on %s', (dialect) => {
  test('is under PORTAL_PUBLIC_URL when set (else the request’s origin); Forge connections and portfolios without projects get none', async () => {
    const f = await createJiraFixture(dialect, {
      app: { env: { PORTAL_PUBLIC_URL: 'https://portal.example.test' } },
    })
    try {
      expect((await f.people.manager.post(f.api('/jira/webhook'))).body.error.code).toBe(
        'jira_not_configured',
      )
      await f.connect([])
      const none = await f.people.manager.post(f.api('/jira/webhook'))
      expect([none.status, none.body.error.code]).toEqual([409, 'no_linked_projects'])
      expect(
        (
          await f.people.manager.post(f.api('/jira/projects'), {
            projectKeys: [f.sandbox.store.projects()[0]!.key],
          })
        ).status,
      ).toBe(200)
      const created = await f.people.manager.post(f.api('/jira/webhook'))
      expect(created.status).toBe(201)
      expect(created.body.url).toMatch(
        /^https:\/\/portal\.example\.test\/api\/webhooks\/jira\/[\w-]{43}$/,
      )
      expect(created.body.instructions.some((s: string) => s.includes('over https'))).toBe(false)
      await f.t.db
        .updateTable('jiraConnections')
        .set({ mode: 'forge' })
        .where('portfolioId', '=', f.portfolioId)
        .execute()
      const forge = await f.people.manager.post(f.api('/jira/webhook'))
      expect([forge.status, forge.body.error.code]).toEqual([409, 'wrong_mode'])
    } finally {
      await f.destroy()
    }
  })
})
