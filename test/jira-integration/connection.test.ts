// Configure, verify, edit and delete the Jira connection (the seed's procedures, API-token mode).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { createTestApp } from '../support/test-app.js'
import { DIALECTS } from '../support/test-database.js'

describe.each(DIALECTS)('the Jira connection on %s', (dialect) => {
  let f: JiraFixture
  let keys: string[]
  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    keys = f.sandbox.store.projects().slice(0, 4).map((p) => p.key)
  })
  afterAll(() => f.destroy())

  test('before configuration, every member is told the portfolio is not connected', async () => {
    for (const person of [f.people.manager, f.people.viewer, f.people.externalManager]) {
      const response = await person.get(f.api('/jira'))
      expect(response.status).toBe(404)
      expect(response.body.error.code).toBe('jira_not_configured')
    }
  })

  test('verify checks the credentials against Jira and lists projects, saving nothing', async () => {
    const response = await f.people.manager.post(f.api('/jira/verify'), f.credentials)
    expect(response.status).toBe(200)
    expect(response.body.account.accountId).toBe(f.sandbox.accounts.admin.accountId)
    expect(response.body.siteUrl).toBe(f.sandbox.url)
    expect(response.body.projects.length).toBe(50)
    expect(response.body.isLast).toBe(false)
    expect(response.body.projects.every((p: { linked: boolean }) => !p.linked)).toBe(true)
    const searched = await f.people.manager.post(f.api('/jira/verify'), { ...f.credentials, query: keys[1] })
    expect(searched.body.projects.map((p: { key: string }) => p.key)).toContain(keys[1])
    expect((await f.people.manager.get(f.api('/jira'))).status).toBe(404)
    // /myself first: a search would answer an anonymous caller with 200 and nothing in it.
    const first = f.sandbox.requests.find((r) => r.path.startsWith('/rest/api/3/'))
    expect(first?.path).toBe('/rest/api/3/myself')
  })

  test('a wrong token gets its own clear error', async () => {
    const response = await f.people.manager.post(f.api('/jira/verify'), { ...f.credentials, apiToken: 'not-the-token' })
    expect(response.status).toBe(422)
    expect(response.body.error.code).toBe('jira_bad_credentials')
    expect(response.body.error.message).toMatch(/rejected the account email or API token/)
  })

  test('a site that does not exist, one that does not answer, and one that is not Jira', async () => {
    const missing = await f.people.manager.post(f.api('/jira/verify'), { ...f.credentials, siteUrl: 'https://no-such-site.invalid' })
    expect(missing.status).toBe(422)
    expect(missing.body.error.code).toBe('jira_site_not_found')
    const closed = await f.people.manager.post(f.api('/jira/verify'), { ...f.credentials, siteUrl: 'http://127.0.0.1:9' })
    expect(closed.status).toBe(422)
    expect(closed.body.error.code).toBe('jira_site_unreachable')
    const notJira: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Welcome</html>'))
    await new Promise<void>((resolve) => notJira.listen(0, '127.0.0.1', resolve))
    try {
      const site = `http://127.0.0.1:${(notJira.address() as AddressInfo).port}`
      const response = await f.people.manager.post(f.api('/jira/verify'), { ...f.credentials, siteUrl: site })
      expect(response.status).toBe(422)
      expect(response.body.error.code).toBe('not_a_jira_site')
    } finally {
      notJira.close()
    }
  })

  test('a scoped token works through the API gateway', async () => {
    const scoped = f.sandbox.store.account('scoped@sandbox.test')!
    const response = await f.people.manager.post(f.api('/jira/verify'), {
      ...f.credentials,
      accountEmail: scoped.email,
      apiToken: scoped.token,
    })
    expect(response.status).toBe(200)
    expect(response.body.authRoute).toBe('gateway')
    expect(f.sandbox.requests.some((r) => r.viaGateway)).toBe(true)
  })

  test('only managers of the portfolio’s company may configure', async () => {
    for (const person of [f.people.contributor, f.people.viewer, f.people.externalManager]) {
      expect((await person.post(f.api('/jira/verify'), f.credentials)).status).toBe(403)
      expect((await person.call('PUT', f.api('/jira'), { body: { ...f.credentials, projectKeys: [] } })).status).toBe(403)
    }
    expect((await f.people.nonMember.post(f.api('/jira/verify'), f.credentials)).status).toBe(404)
  })

  test('more than 20 projects, or projects the token cannot see, are refused and nothing is saved', async () => {
    const many = f.sandbox.store.projects().slice(0, 21).map((p) => p.key)
    const tooMany = await f.people.manager.call('PUT', f.api('/jira'), { body: { ...f.credentials, projectKeys: many } })
    expect(tooMany.status).toBe(409)
    expect(tooMany.body.error.code).toBe('project_limit_reached')
    const unknown = await f.people.manager.call('PUT', f.api('/jira'), { body: { ...f.credentials, projectKeys: ['NOSUCH'] } })
    expect(unknown.status).toBe(422)
    expect(unknown.body.error.code).toBe('unknown_projects')
    expect(unknown.body.error.details).toEqual({ keys: ['NOSUCH'] })
    expect((await f.people.manager.get(f.api('/jira'))).status).toBe(404)
  })

  test('Save connects the portfolio with the chosen projects; the token is never shown', async () => {
    const response = await f.people.manager.call('PUT', f.api('/jira'), { body: { ...f.credentials, projectKeys: keys.slice(0, 2) } })
    expect(response.status).toBe(201)
    await f.settle()
    const view = (await f.people.viewer.get(f.api('/jira'))).body
    expect(view.siteUrl).toBe(f.sandbox.url)
    expect(view.accountEmail).toBe(f.credentials.accountEmail)
    expect(view.tokenHint).toBe(`…${f.credentials.apiToken.slice(-4)}`)
    expect(view.health.status).toBe('ok')
    expect(view.linkedProjects.map((p: { key: string }) => p.key)).toEqual(keys.slice(0, 2).sort())
    const project = f.sandbox.store.project(keys[0]!)!
    expect(view.linkedProjects.find((p: { key: string }) => p.key === project.key)).toMatchObject({
      id: project.id,
      name: project.name,
      url: `${f.sandbox.url}/browse/${project.key}`,
      state: 'ok',
    })
    expect(view.linkedProjects[0].avatarUrl).toMatch(/^http/)
    expect(JSON.stringify(view)).not.toContain(f.credentials.apiToken)
    expect(JSON.stringify(response.body)).not.toContain(f.credentials.apiToken)
    const again = await f.people.manager.call('PUT', f.api('/jira'), { body: { ...f.credentials, projectKeys: [] } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('jira_already_configured')
  })

  test('Edit Configuration rotates the token after checking it; a wrong one changes nothing', async () => {
    const rotated = f.sandbox.store.addAccount({ email: `rotated-${dialect}@sandbox.test` })
    const wrong = await f.people.manager.patch(f.api('/jira'), { accountEmail: rotated.email, apiToken: 'wrong' })
    expect(wrong.status).toBe(422)
    expect((await f.people.manager.get(f.api('/jira'))).body.accountEmail).toBe(f.credentials.accountEmail)
    const response = await f.people.manager.patch(f.api('/jira'), { accountEmail: rotated.email, apiToken: rotated.token })
    expect(response.status).toBe(200)
    expect(response.body.accountEmail).toBe(rotated.email)
    expect(response.body.tokenHint).toBe(`…${rotated.token.slice(-4)}`)
    expect(response.body.linkedProjects).toHaveLength(2)
    expect((await f.people.contributor.patch(f.api('/jira'), { apiToken: rotated.token })).status).toBe(403)
    // Back to the admin account for the rest of the suite.
    await f.people.manager.patch(f.api('/jira'), { accountEmail: f.credentials.accountEmail, apiToken: f.credentials.apiToken })
    await f.settle()
  })

  test('changing the site says what will be unlinked and needs confirmation', async () => {
    const initiativeId = await f.createInitiative('Site change')
    const epic = f.sandbox.store.epics(keys[0]).at(0)!
    await f.linkEpic(initiativeId, epic.key)
    const otherSite = f.sandbox.url.replace('127.0.0.1', 'localhost')
    const refused = await f.people.manager.patch(f.api('/jira'), { ...f.credentials, siteUrl: otherSite })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('site_change_requires_confirmation')
    expect(refused.body.error.details.unlinkedProjects.map((p: { key: string }) => p.key)).toEqual(keys.slice(0, 2).sort())
    expect(refused.body.error.details.unlinkedEpics).toEqual([
      { id: epic.id, key: epic.key, summary: epic.summary, initiativeId, initiativeName: 'Site change' },
    ])
    expect((await f.people.manager.get(f.api('/jira'))).body.siteUrl).toBe(f.sandbox.url)
    const confirmed = await f.people.manager.patch(f.api('/jira'), {
      siteUrl: otherSite,
      accountEmail: f.credentials.accountEmail,
      apiToken: f.credentials.apiToken,
      confirmSiteChange: true,
    })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.siteUrl).toBe(otherSite)
    expect(confirmed.body.linkedProjects).toEqual([])
    expect(confirmed.body.unlinkedEpics.map((e: { key: string }) => e.key)).toEqual([epic.key])
    const initiative = await f.people.manager.get(f.api(`/initiatives/${initiativeId}`))
    expect(initiative.body.epics).toEqual([])
    await f.settle()
  })

  test('Delete unlinks every project and epic in one go, and says which', async () => {
    await f.people.manager.call('DELETE', f.api('/jira'))
    await f.connect(keys.slice(0, 3))
    const initiativeId = await f.createInitiative('Doomed')
    const epics = keys.slice(0, 2).map((k) => f.sandbox.store.epics(k)[0]!)
    for (const epic of epics) await f.linkEpic(initiativeId, epic.key)
    const preview = await f.people.manager.get(f.api('/jira/delete-preview'))
    expect(preview.body.unlinkedProjects).toHaveLength(3)
    expect(preview.body.unlinkedEpics.map((e: { key: string }) => e.key).sort()).toEqual(epics.map((e) => e.key).sort())
    expect((await f.people.contributor.call('DELETE', f.api('/jira'))).status).toBe(403)
    const deleted = await f.people.manager.call('DELETE', f.api('/jira'))
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual(preview.body)
    expect((await f.people.manager.get(f.api('/jira'))).status).toBe(404)
    expect((await f.people.manager.get(f.api(`/initiatives/${initiativeId}`))).body.epics).toEqual([])
    for (const table of ['linkedProjects', 'linkedEpics', 'epicSnapshots', 'epicChildren', 'jiraConnections'] as const) {
      const rows = await f.t.db.selectFrom(table).selectAll().where('portfolioId', '=', f.portfolioId).execute()
      expect({ table, rows }).toEqual({ table, rows: [] })
    }
  })

  test('the token is nowhere in plain text: responses, logs or any database column', async () => {
    await f.connect(keys.slice(0, 1))
    const token = f.credentials.apiToken
    expect(f.t.logLines.join('\n')).not.toContain(token)
    const connection = await f.t.db.selectFrom('jiraConnections').selectAll().executeTakeFirstOrThrow()
    expect(JSON.stringify(connection)).not.toContain(token)
    expect(connection.credentialSealed).toMatch(/^v1:/)
    const audit = await f.t.db.selectFrom('auditLog').selectAll().execute()
    expect(JSON.stringify(audit)).not.toContain(token)
  })

  test('every change is in the audit log: who, what, when', async () => {
    const entries = await f.t.db
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('portfolioId', '=', f.portfolioId)
      .where('action', 'like', 'jira.%')
      .execute()
    const actions = entries.map((e) => e.action)
    for (const action of ['jira.configured', 'jira.edited', 'jira.site_changed', 'jira.deleted']) expect(actions).toContain(action)
    expect(entries.every((e) => e.actorId === f.people.manager.user.id)).toBe(true)
  })
})

test('without JIRA_ALLOW_INSECURE, http sites and private addresses are refused', async () => {
  const t = await createTestApp('sqlite', { env: { JIRA_ALLOW_INSECURE: '' } })
  try {
    const company = await t.createCompany()
    const manager = await t.newSession({ companyId: company.id })
    const { body: portfolio } = await manager.post('/api/portfolios', { name: 'P', companyId: company.id })
    const verify = (siteUrl: string) =>
      manager.post(`/api/portfolios/${portfolio.id}/jira/verify`, { siteUrl, accountEmail: 'a@b.co', apiToken: 'token-1234' })
    const insecure = await verify('http://acme.atlassian.net')
    expect(insecure.status).toBe(422)
    expect(insecure.body.error.code).toBe('insecure_site_url')
    for (const inward of ['https://127.0.0.1', 'https://localhost:8443', 'https://[::1]', 'https://169.254.169.254', 'https://10.0.0.8']) {
      const response = await verify(inward)
      expect({ inward, status: response.status, code: response.body.error.code }).toEqual({ inward, status: 422, code: 'unsafe_site_url' })
    }
  } finally {
    await t.destroy()
  }
})
