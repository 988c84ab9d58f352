// One portfolio reads Jira with an API token, another through the Forge app, both from the same sandbox: after a sync their initiatives show identical epics and progress.
import { startForgeApp, type ForgeAppFixture } from '../support/forge-app.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { figuresOf, truthOf } from '../support/jira-truth.js'
import { DIALECTS } from '../support/test-database.js'

/** What may differ between two portfolios: ids and times of the portal's own records. */
function comparable(detail: { epics: Record<string, unknown>[]; progress: Record<string, unknown> }) {
  return {
    epics: detail.epics.map(({ linkedAt: _linked, readAt: _read, ...epic }) => epic),
    progress: { ...detail.progress, readAt: null },
  }
}

describe.each(DIALECTS)('API token and Forge app on %s', (dialect) => {
  let f: JiraFixture
  let app: ForgeAppFixture
  let forgePortfolio: string
  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    app = await startForgeApp(f.sandbox, f.sandbox.store.projects().slice(0, 3))
    const created = await f.people.manager.post('/api/portfolios', { name: 'Through the app', companyId: f.people.manager.user.companyId })
    expect(created.status).toBe(201)
    forgePortfolio = created.body.id
  })
  afterAll(async () => {
    await app.close()
    await f.destroy()
  })

  test('the same epics give the same figures, by count and by points, both equal to Jira’s', async () => {
    const keys = f.sandbox.store.projects().slice(0, 3).map((p) => p.key)
    await f.connect(keys)
    const forgeApi = (path: string) => `/api/portfolios/${forgePortfolio}${path}`
    const saved = await f.people.manager.call('PUT', forgeApi('/jira'), {
      body: { mode: 'forge', webTriggerUrl: app.webTriggerUrl, secret: app.secret, projectKeys: keys },
    })
    expect(saved.status).toBe(201)
    await f.settle()

    // A few epics of each project, one of them marked Done while work is still open.
    const epics = keys.flatMap((key) => f.sandbox.store.epics(key).slice(0, 3))
    const open = epics.find((e) => f.sandbox.store.children(e.id).some((c) => c.statusCategory !== 'done'))!
    f.sandbox.store.updateIssue(open.id, { status: 'Done' })
    const tokenInitiative = await f.createInitiative('Checkout')
    const forgeInitiative = (await f.people.manager.post(forgeApi('/initiatives'), { name: 'Checkout' })).body.id
    for (const epic of epics) {
      await f.linkEpic(tokenInitiative, epic.key)
      const linked = await f.people.manager.post(forgeApi(`/initiatives/${forgeInitiative}/epics`), { epicKey: epic.key })
      expect(linked.status).toBe(201)
    }
    for (const portfolioId of [f.portfolioId, forgePortfolio]) {
      expect(await f.t.deps.sync.syncPortfolio(portfolioId, { trigger: 'manual', mode: 'full' })).toMatchObject({ outcome: 'ok' })
    }

    const token = (await f.people.viewer.get(f.api(`/initiatives/${tokenInitiative}`))).body
    const forge = (await f.people.manager.get(forgeApi(`/initiatives/${forgeInitiative}`))).body
    expect(comparable(forge)).toEqual(comparable(token))
    expect(token.epics).toHaveLength(epics.length)
    for (const epic of forge.epics) expect({ key: epic.key, figures: figuresOf(epic) }).toEqual({ key: epic.key, figures: truthOf(f.sandbox, epic.id) })
    expect(forge.epics.find((e: { id: string }) => e.id === open.id).flags.doneWithOpenChildren).toBe(true)
    expect(forge.progress.rollUp.epics).toBe(epics.length)
  })
})
