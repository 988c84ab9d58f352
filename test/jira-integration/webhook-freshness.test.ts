// Jira webhooks make figures fresh in seconds at a cost proportional to the change; the schedule
// still catches what events miss.
import { figuresOf, truthOf } from '../support/jira-truth.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { DIALECTS } from '../support/test-database.js'
import {
  configureWebhook,
  eventually,
  issueEventBody,
  servePortal,
  sign,
  type ConfiguredWebhook,
  type PortalServer,
} from '../support/webhook-fixture.js'

const MINUTE = 60_000

describe.each(DIALECTS)('Jira webhooks keep figures fresh on %s', (dialect) => {
  let f: JiraFixture
  let server: PortalServer
  let hook: ConfiguredWebhook
  let alpha: string
  let beta: string
  let projectKeys: string[]
  /** Every epic of the linked projects: 20, all linked (10 per initiative). */
  let epicIds: string[]
  const initiative = async (id: string) =>
    (await f.people.viewer.get(f.api(`/initiatives/${id}`))).body
  const epicView = async (epicId: string) => {
    for (const id of [alpha, beta]) {
      const found = (await initiative(id)).epics.find((e: { id: string }) => e.id === epicId)
      if (found) return found
    }
    throw new Error(`epic ${epicId} is not linked`)
  }
  const runs = async () =>
    await f.t.db
      .selectFrom('syncRuns')
      .selectAll()
      .where('portfolioId', '=', f.portfolioId)
      .orderBy('startedAt')
      .execute()
  /** Every delivery sent and every queued notice read. */
  const settled = async () => {
    await f.sandbox.webhooks.idle()
    await f.t.deps.changes.idle()
    await f.settle()
  }
  const standardChildren = (epicId: string) =>
    f.sandbox.store.children(epicId).filter((c) => c.hierarchyLevel === 0)
  const nextStatus = (status: string) =>
    status === 'To Do' ? 'In Progress' : status === 'In Progress' ? 'Done' : 'To Do'

  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    server = await servePortal(f.t)
    projectKeys = f.sandbox.store
      .projects()
      .slice(0, 4)
      .map((p) => p.key)
    await f.connect(projectKeys)
    alpha = await f.createInitiative('Alpha')
    beta = await f.createInitiative('Beta')
    epicIds = projectKeys.flatMap((key) => f.sandbox.store.epics(key).map((e) => e.id))
    expect(epicIds).toHaveLength(20)
    for (const [i, id] of epicIds.entries())
      await f.linkEpic(i % 2 === 0 ? alpha : beta, f.sandbox.store.issue(id)!.key)
    // Every epic gets a child, so each can be changed and counted.
    for (const id of epicIds) {
      if (standardChildren(id).length === 0) {
        const epic = f.sandbox.store.issue(id)!
        f.sandbox.store.createIssue({
          projectKey: epic.projectKey,
          type: 'story',
          summary: 'First story',
          parent: id,
        })
      }
    }
    expect((await f.people.viewer.get(f.api('/jira'))).body.events).toMatchObject({
      status: 'polling_only',
      label: 'polling only',
    })
    hook = await configureWebhook(f, server)
    f.t.clock.advance(MINUTE)
    expect(
      await f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual', mode: 'full' }),
    ).toMatchObject({ outcome: 'ok' })
  })
  afterAll(async () => {
    await server?.close()
    await f?.destroy()
  })

  test('the webhook is shown without its secret, waiting for the first event', async () => {
    expect(hook.created).toMatchObject({
      events: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'],
      jql: `project in (${[...projectKeys]
        .sort()
        .map((k) => `"${k}"`)
        .join(', ')})`,
      rotated: false,
    })
    expect(hook.created.url).toMatch(/^http:\/\/localhost\/api\/webhooks\/jira\/[\w-]{43}$/)
    expect(hook.created.instructions.join('\n')).toContain(hook.created.secret)
    const view = (await f.people.manager.get(f.api('/jira/webhook'))).body
    expect(view).toMatchObject({
      url: hook.created.url,
      jql: hook.jql,
      jqlOutdated: false,
      lastDeliveryAt: null,
      refusedDeliveries: 0,
      status: 'waiting',
    })
    expect(JSON.stringify(view)).not.toContain(hook.secret)
  })

  test('a child’s new status reaches the initiative’s figures within 5 s, with no manual sync', async () => {
    const epicId = epicIds[0]!
    const child = standardChildren(epicId)[0]!
    const before = await runs()
    const started = performance.now()
    f.sandbox.store.updateIssue(child.id, { status: nextStatus(child.status) })
    const truth = truthOf(f.sandbox, epicId)
    expect(figuresOf(await epicView(epicId))).not.toEqual(truth)
    await eventually(async () => expect(figuresOf(await epicView(epicId))).toEqual(truth), 5000)
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(5000)
    // The initiative's roll-up, in its detail and in the list, follows within the same moment.
    const owner = epicIds.indexOf(epicId) % 2 === 0 ? alpha : beta
    const children = (await initiative(owner)).epics.map(
      (e: { id: string }) => truthOf(f.sandbox, e.id).children.done,
    )
    const done = children.reduce((a: number, b: number) => a + b, 0)
    expect((await initiative(owner)).progress.rollUp.children.done).toBe(done)
    const list = (await f.people.viewer.get(f.api('/initiatives'))).body.initiatives
    expect(list.find((i: { id: string }) => i.id === owner).progress.rollUp.children.done).toBe(
      done,
    )
    await settled()
    const added = (await runs()).slice(before.length)
    expect(added.map((r) => [r.kind, r.trigger, r.outcome])).toEqual([['epics', 'event', 'ok']])
    expect(added[0]!.epicsRead).toBe(1)
    const events = (await f.people.viewer.get(f.api('/jira'))).body.events
    expect(events).toMatchObject({ status: 'live', label: 'live', refusedDeliveries: 0 })
    expect(events.lastDeliveryAt).not.toBeNull()
    console.info(`[webhooks ${dialect}] change to fresh figures: ${Math.round(elapsed)} ms`)
  })

  test('a burst of 200 changes across 20 epics costs a handful of Jira calls', async () => {
    await settled()
    f.sandbox.clearRequests()
    f.sandbox.webhooks.clearDeliveries()
    const before = (await runs()).length
    for (let round = 0; round < 10; round++) {
      for (const epicId of epicIds) {
        const children = standardChildren(epicId)
        const child = children[round % children.length]!
        f.sandbox.store.updateIssue(child.id, {
          status: nextStatus(f.sandbox.store.issue(child.id)!.status),
        })
      }
    }
    await settled()
    expect(f.sandbox.webhooks.deliveries.filter((d) => d.outcome === 'delivered')).toHaveLength(200)
    const calls = f.sandbox.requests.length
    const eventRuns = (await runs()).slice(before)
    expect(eventRuns.every((r) => r.trigger === 'event' && r.outcome === 'ok')).toBe(true)
    expect(eventRuns.reduce((sum, r) => sum + r.calls, 0)).toBe(calls)
    expect(calls).toBeLessThanOrEqual(6)
    for (const epicId of epicIds)
      expect(figuresOf(await epicView(epicId))).toEqual(truthOf(f.sandbox, epicId))
    console.info(
      `[webhooks ${dialect}] burst of 200 changes across 20 epics: ${calls} Jira calls in ${eventRuns.length} run(s): ${f.sandbox.requests.map((r) => r.path).join(', ')}`,
    )
  })

  test('changes to unlinked work cost no Jira call', async () => {
    await settled()
    // An epic of a linked project that no initiative links, and a child of it.
    const unlinkedEpic = f.sandbox.store.createIssue({
      projectKey: projectKeys[0]!,
      type: 'epic',
      summary: 'Not tracked',
    })
    const child = f.sandbox.store.createIssue({
      projectKey: projectKeys[0]!,
      type: 'story',
      summary: 'Untracked work',
      parent: unlinkedEpic.id,
    })
    await settled()
    f.sandbox.clearRequests()
    const before = (await runs()).length
    f.sandbox.store.updateIssue(child.id, { status: 'Done' })
    f.sandbox.store.updateIssue(unlinkedEpic.id, { summary: 'Still not tracked' })
    // A project that is not linked at all: the JQL filter keeps Jira from sending it, but a
    // delivery naming it (signed, so authentic) is mapped to nothing as well.
    const outside = f.sandbox.store.projects()[6]!
    const stranger = f.sandbox.store.createIssue({
      projectKey: outside.key,
      type: 'task',
      summary: 'Elsewhere',
    })
    const body = issueEventBody(
      { id: stranger.id, key: stranger.key, projectId: outside.id, projectKey: outside.key },
      f.t.clock.now().getTime(),
    )
    const response = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature': sign(hook.secret, body) },
      body,
    })
    expect(response.status).toBe(202)
    await settled()
    expect(f.sandbox.webhooks.deliveries.slice(-2).map((d) => [d.issueKey, d.outcome])).toEqual([
      [child.key, 'delivered'],
      [unlinkedEpic.key, 'delivered'],
    ])
    expect(f.sandbox.requests).toEqual([])
    expect((await runs()).length).toBe(before)
  })

  test('a lost delivery is caught by the next scheduled sync', async () => {
    await settled()
    const epicId = epicIds[3]!
    const child = standardChildren(epicId)[0]!
    const shown = figuresOf(await epicView(epicId))
    f.sandbox.webhooks.addFault({ kind: 'drop', match: { issue: child.key } })
    f.t.clock.advance(MINUTE)
    f.sandbox.store.updateIssue(child.id, {
      status: nextStatus(f.sandbox.store.issue(child.id)!.status),
    })
    await settled()
    expect(f.sandbox.webhooks.deliveries.at(-1)).toMatchObject({
      issueKey: child.key,
      outcome: 'dropped',
    })
    expect(figuresOf(await epicView(epicId))).toEqual(shown)
    f.t.clock.advance(11 * MINUTE)
    await f.t.deps.sync.runDue()
    const latest = (await runs()).at(-1)!
    expect(latest).toMatchObject({ trigger: 'schedule', outcome: 'ok' })
    expect(figuresOf(await epicView(epicId))).toEqual(truthOf(f.sandbox, epicId))
  })

  test('a delivery that arrives late, or twice, still leaves the right figures and one read', async () => {
    await settled()
    const epicId = epicIds[5]!
    const child = standardChildren(epicId)[0]!
    f.sandbox.webhooks.addFault({ kind: 'duplicate', match: { issue: child.key } })
    f.sandbox.webhooks.addFault({ kind: 'delay', ms: 300, match: { issue: child.key } })
    const before = (await runs()).length
    f.sandbox.store.updateIssue(child.id, { status: nextStatus(child.status) })
    f.sandbox.store.updateIssue(child.id, { summary: 'Renamed later' })
    await settled()
    const refused = (await f.people.manager.get(f.api('/jira/webhook'))).body
    expect(refused.refusedDeliveries).toBe(0)
    expect(figuresOf(await epicView(epicId))).toEqual(truthOf(f.sandbox, epicId))
    const added = (await runs()).slice(before)
    expect(added.length).toBeGreaterThanOrEqual(1)
    expect(added.length).toBeLessThanOrEqual(2)
  })

  test('projects linked after the webhook was made: the portal says the JQL is outdated', async () => {
    const extra = f.sandbox.store.projects()[4]!.key
    expect(
      (await f.people.manager.post(f.api('/jira/projects'), { projectKeys: [extra] })).status,
    ).toBe(200)
    const view = (await f.people.manager.get(f.api('/jira/webhook'))).body
    expect(view.jqlOutdated).toBe(true)
    expect(view.currentJql).toContain(`"${extra}"`)
    expect(view.instructions.join('\n')).toContain(view.currentJql)
  })

  test('once the Jira admin has entered the new JQL, the manager confirms it and the notice goes', async () => {
    const before = (await f.people.manager.get(f.api('/jira/webhook'))).body
    expect(before.jqlOutdated).toBe(true)
    // The JQL from before the last link is not the filter any more.
    const stale = await f.people.manager.call('PUT', f.api('/jira/webhook/jql'), { body: { jql: before.jql } })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('jql_changed')
    expect(stale.body.error.details.currentJql).toBe(before.currentJql)
    expect((await f.people.manager.get(f.api('/jira/webhook'))).body.jqlOutdated).toBe(true)

    const confirmed = await f.people.manager.call('PUT', f.api('/jira/webhook/jql'), { body: { jql: before.currentJql } })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toMatchObject({ jql: before.currentJql, currentJql: before.currentJql, jqlOutdated: false })
    expect(confirmed.body).not.toHaveProperty('secret')
    const audit = await f.t.db.selectFrom('auditLog').selectAll().where('action', '=', 'jira.webhook_jql_updated').execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.details as string)).toEqual({ jql: { from: before.jql, to: before.currentJql } })
  })

  test('nothing was ever written to Jira', () => {
    expect(f.sandbox.writes()).toEqual([])
  })
})
