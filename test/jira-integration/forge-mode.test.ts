// Forge mode end to end over the API: portal -> signed web trigger -> the app's reader -> the Jira sandbox, for every procedure of the integration.
import type { JiraSandbox, SandboxProject } from '../jira-sandbox/index.js'
import { startForgeApp, type ForgeAppFixture } from '../support/forge-app.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { figuresOf, truthOf } from '../support/jira-truth.js'
import { DIALECTS } from '../support/test-database.js'

const MINUTE = 60_000

describe.each(DIALECTS)('Forge mode on %s', (dialect) => {
  let f: JiraFixture
  let app: ForgeAppFixture
  let sandbox: JiraSandbox
  let allowed: SandboxProject[]
  let outside: SandboxProject
  const forgeBody = () => ({ mode: 'forge', webTriggerUrl: app.webTriggerUrl, secret: app.secret })

  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    sandbox = f.sandbox
    allowed = sandbox.store.projects().slice(0, 3)
    outside = sandbox.store.projects()[3]!
    app = await startForgeApp(sandbox, allowed)
  })
  afterAll(async () => {
    await app.close()
    await f.destroy()
  })

  test('verify pings the app and lists the projects on its allow-list, saving nothing', async () => {
    const response = await f.people.manager.post(f.api('/jira/verify'), forgeBody())
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      mode: 'forge',
      siteUrl: sandbox.url,
      webTriggerUrl: app.webTriggerUrl,
      cloudId: sandbox.cloudId,
      account: { displayName: 'Portfolio Bridge (Forge app)', emailAddress: null },
      total: 3,
      isLast: true,
    })
    expect(response.body.projects.map((p: { key: string }) => p.key)).toEqual(allowed.map((p) => p.key).sort())
    expect((await f.people.manager.get(f.api('/jira'))).status).toBe(404)
  })

  test('a wrong secret, a malformed one, a wrong URL and a page that is not the trigger each get their own error', async () => {
    const verify = (body: object) => f.people.manager.post(f.api('/jira/verify'), { ...forgeBody(), ...body })
    const wrong = await verify({ secret: 'A'.repeat(43) })
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'forge_secret_rejected'])
    const malformed = await verify({ secret: 'short' })
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'validation_failed'])
    const notUrl = await verify({ webTriggerUrl: 'not a url' })
    expect([notUrl.status, notUrl.body.error.code]).toEqual([422, 'invalid_web_trigger_url'])
    const notTrigger = await verify({ webTriggerUrl: `${sandbox.url}/rest/api/3/serverInfo` })
    expect([notTrigger.status, notTrigger.body.error.code]).toEqual([422, 'not_a_forge_web_trigger'])
    // The secret never comes back in an error.
    expect(JSON.stringify([wrong.body, notTrigger.body])).not.toContain(app.secret)
  })

  test('only managers of the portfolio’s company may configure it', async () => {
    for (const person of [f.people.contributor, f.people.viewer, f.people.externalManager]) {
      expect((await person.post(f.api('/jira/verify'), forgeBody())).status).toBe(403)
      expect((await person.call('PUT', f.api('/jira'), { body: { ...forgeBody(), projectKeys: [] } })).status).toBe(403)
    }
  })

  test('Save refuses projects that are not on the allow-list, then connects; GET shows the mode, URL and a hint, never the secret', async () => {
    const refused = await f.people.manager.call('PUT', f.api('/jira'), { body: { ...forgeBody(), projectKeys: [allowed[0]!.key, outside.key] } })
    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatchObject({ code: 'unknown_projects', details: { keys: [outside.key] } })
    const saved = await f.people.manager.call('PUT', f.api('/jira'), { body: { ...forgeBody(), projectKeys: allowed.slice(0, 2).map((p) => p.key) } })
    expect(saved.status).toBe(201)
    await f.settle()
    const view = (await f.people.viewer.get(f.api('/jira'))).body
    expect(view).toMatchObject({
      mode: 'forge',
      siteUrl: sandbox.url,
      webTriggerUrl: app.webTriggerUrl,
      secretHint: `…${app.secret.slice(-4)}`,
      accountEmail: null,
      accountName: 'Portfolio Bridge (Forge app)',
      health: { status: 'ok' },
    })
    expect(view.linkedProjects.map((p: { key: string }) => p.key)).toEqual(allowed.slice(0, 2).map((p) => p.key).sort())
    expect(view.linkedProjects[0].url).toBe(`${sandbox.url}/browse/${view.linkedProjects[0].key}`)
    const connection = await f.t.db.selectFrom('jiraConnections').selectAll().where('portfolioId', '=', f.portfolioId).executeTakeFirstOrThrow()
    expect(connection.credentialSealed).toMatch(/^v1:/)
    for (const text of [JSON.stringify(view), JSON.stringify(saved.body), JSON.stringify(connection), f.t.logLines.join('\n')]) {
      expect(text).not.toContain(app.secret)
    }
  })

  test('projects: the picker shows the allow-list; a project outside it cannot be linked; unlinking works', async () => {
    const available = await f.people.manager.get(f.api('/jira/projects/available'))
    expect(available.body.projects.map((p: { key: string; linked: boolean }) => [p.key, p.linked])).toEqual(
      allowed.map((p, i) => [p.key, i < 2]).sort(),
    )
    const refused = await f.people.manager.post(f.api('/jira/projects'), { projectKeys: [outside.key] })
    expect([refused.status, refused.body.error.code]).toEqual([422, 'unknown_projects'])
    const linked = await f.people.manager.post(f.api('/jira/projects'), { projectKeys: [allowed[2]!.key] })
    expect(linked.status).toBe(200)
    expect(linked.body.linkedProjects).toHaveLength(3)
    const unlinked = await f.people.manager.call('DELETE', f.api(`/jira/projects/${allowed[2]!.key}`))
    expect(unlinked.status).toBe(200)
  })

  test('epics: search, link, progress matching Jira, and a sync engine run end to end', async () => {
    const search = await f.people.contributor.get(f.api('/jira/epics'))
    expect(search.status).toBe(200)
    const expected = allowed.slice(0, 2).flatMap((p) => sandbox.store.epics(p.key)).map((e) => e.key)
    expect(search.body.epics.map((e: { key: string }) => e.key).sort()).toEqual(expected.sort())
    const initiativeId = await f.createInitiative('Through the app')
    const epics = allowed.slice(0, 2).map((p) => sandbox.store.epics(p.key).find((e) => sandbox.store.children(e.id).length > 2)!)
    for (const epic of epics) await f.linkEpic(initiativeId, epic.key, f.people.contributor)
    let detail = (await f.people.viewer.get(f.api(`/initiatives/${initiativeId}`))).body
    for (const epic of detail.epics) expect(figuresOf(epic)).toEqual(truthOf(sandbox, epic.id))

    const full = await f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual', mode: 'full' })
    expect(full).toMatchObject({ status: 'done', kind: 'full', outcome: 'ok' })
    const child = sandbox.store.children(epics[0]!.id).find((c) => c.hierarchyLevel === 0 && c.statusCategory !== 'done')!
    sandbox.store.updateIssue(child.id, { status: 'Done' })
    sandbox.store.createIssue({ projectKey: epics[0]!.projectKey, type: 'story', summary: 'Found late', parent: epics[0]!.id, storyPoints: 3 })
    f.t.clock.advance(10 * MINUTE)
    sandbox.clearRequests()
    const incremental = await f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual' })
    expect(incremental).toMatchObject({ status: 'done', kind: 'incremental', outcome: 'ok' })
    // The site facts travel with each question: the app reads no fields or issue types again.
    expect(sandbox.requests.filter((r) => r.path === '/rest/api/3/field' || r.path === '/rest/api/3/issuetype')).toEqual([])
    detail = (await f.people.viewer.get(f.api(`/initiatives/${initiativeId}`))).body
    for (const epic of detail.epics) expect(figuresOf(epic)).toEqual(truthOf(sandbox, epic.id))
    const status = (await f.people.viewer.get(f.api('/jira/sync'))).body
    expect(status.health.status).toBe('ok')
    expect(status.runs[0]).toMatchObject({ kind: 'incremental', outcome: 'ok', error: null })
    // Each call the sync made is one signed web trigger call.
    expect(status.runs[0].calls).toBeGreaterThan(0)
  })

  test('a project the admin takes off the allow-list is marked missing at the next sync; links stay', async () => {
    await app.allow([allowed[0]!, allowed[2]!])
    try {
      f.t.clock.advance(10 * MINUTE)
      expect(await f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual' })).toMatchObject({ outcome: 'ok' })
      const view = (await f.people.viewer.get(f.api('/jira'))).body
      expect(view.linkedProjects.map((p: { key: string; state: string }) => [p.key, p.state])).toEqual(
        [[allowed[0]!.key, 'ok'], [allowed[1]!.key, 'missing']].sort(),
      )
    } finally {
      await app.allow(allowed)
      f.t.clock.advance(10 * MINUTE)
      await f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual', mode: 'full' })
    }
  })

  test('a secret rotated in the app turns health to rejected; PATCH with the new secret restores it, a wrong one changes nothing', async () => {
    const old = app.secret
    await app.rotateSecret()
    f.t.clock.advance(10 * MINUTE)
    const failed = await f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual' })
    expect(failed).toMatchObject({ outcome: 'failed', error: { kind: 'bad_credentials' } })
    expect((await f.people.viewer.get(f.api('/jira'))).body.health).toMatchObject({ status: 'token_rejected', message: expect.stringContaining('paste the current one') })
    const wrong = await f.people.manager.patch(f.api('/jira'), { secret: old })
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'forge_secret_rejected'])
    expect((await f.people.contributor.patch(f.api('/jira'), { secret: app.secret })).status).toBe(403)
    const fixed = await f.people.manager.patch(f.api('/jira'), { secret: app.secret })
    expect(fixed.status).toBe(200)
    expect(fixed.body).toMatchObject({ mode: 'forge', health: { status: 'ok' }, secretHint: `…${app.secret.slice(-4)}` })
    expect(fixed.body.linkedProjects).toHaveLength(2)
    await f.settle()
  })

  test('PATCH changes the web trigger URL after pinging it; mixing both modes’ fields is refused', async () => {
    const moved = `${app.server.url}/x1/portal-webtrigger-reinstalled`
    const response = await f.people.manager.patch(f.api('/jira'), { webTriggerUrl: moved })
    expect(response.status).toBe(200)
    expect(response.body.webTriggerUrl).toBe(moved)
    const mixed = await f.people.manager.patch(f.api('/jira'), { secret: app.secret, apiToken: 'token' })
    expect([mixed.status, mixed.body.error.code]).toEqual([400, 'validation_failed'])
    await f.people.manager.patch(f.api('/jira'), { webTriggerUrl: app.webTriggerUrl })
    await f.settle()
  })

  test('the connection moves to an API token and back on the same site, keeping its links', async () => {
    const toToken = await f.people.manager.patch(f.api('/jira'), { accountEmail: f.credentials.accountEmail, apiToken: f.credentials.apiToken })
    expect(toToken.status).toBe(200)
    expect(toToken.body).toMatchObject({ mode: 'api_token', webTriggerUrl: null, secretHint: null, accountEmail: f.credentials.accountEmail })
    expect(toToken.body.linkedProjects).toHaveLength(2)
    await f.settle()
    const back = await f.people.manager.patch(f.api('/jira'), forgeBody())
    expect(back.status).toBe(200)
    expect(back.body).toMatchObject({ mode: 'forge', webTriggerUrl: app.webTriggerUrl, accountEmail: null })
    expect(back.body.linkedProjects).toHaveLength(2)
    await f.settle()
    const actions = await f.t.db.selectFrom('auditLog').select(['action', 'details']).where('portfolioId', '=', f.portfolioId).where('action', '=', 'jira.edited').execute()
    expect(JSON.stringify(actions)).not.toContain(app.secret)
  })

  test('Delete unlinks every project and epic', async () => {
    const deleted = await f.people.manager.call('DELETE', f.api('/jira'))
    expect(deleted.status).toBe(200)
    expect(deleted.body.unlinkedProjects).toHaveLength(2)
    expect(deleted.body.unlinkedEpics.length).toBeGreaterThan(0)
    expect((await f.people.manager.get(f.api('/jira'))).status).toBe(404)
  })
})
