// Forge product events keep figures fresh in seconds: sandbox change -> the local Forge runner's trigger -> a signed notice -> the portal's queue -> one targeted read.
import { signNoticeDelivery } from '../../shared/contract/notice-delivery.js'
import { generateSecret, secretFingerprint } from '../../shared/contract/secret.js'
import { signRequest } from '../../shared/contract/signing.js'
import type { SandboxIssue, SandboxProject } from '../jira-sandbox/index.js'
import { startForgeApp, type ForgeAppFixture } from '../support/forge-app.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { figuresOf, truthOf } from '../support/jira-truth.js'
import { DIALECTS } from '../support/test-database.js'
import { eventually, postOnce, servePortal, type PortalServer } from '../support/webhook-fixture.js'

describe.each(DIALECTS)('Forge product events on %s', (dialect) => {
  let f: JiraFixture
  let server: PortalServer
  let app: ForgeAppFixture
  let allowed: SandboxProject[]
  let outside: SandboxProject
  let initiativeId: string
  let epics: SandboxIssue[]
  /** The portal's API at its real socket, so the URL it gives the app is one the app can reach. */
  const onSocket = (path: string) => `${server.url}${f.api(path)}`
  const deliveryUrl = () => `${server.url}/api/webhooks/forge`
  const runs = () => f.t.db.selectFrom('syncRuns').selectAll().where('portfolioId', '=', f.portfolioId).orderBy('startedAt').execute()
  const feed = async () => (await f.people.manager.get(f.api('/jira/forge-events'))).body
  const epicView = async (epicId: string) =>
    (await f.people.viewer.get(f.api(`/initiatives/${initiativeId}`))).body.epics.find((e: { id: string }) => e.id === epicId)
  const standardChildren = (epicId: string) => f.sandbox.store.children(epicId).filter((c) => c.hierarchyLevel === 0)
  const nextStatus = (status: string) => (status === 'To Do' ? 'In Progress' : status === 'In Progress' ? 'Done' : 'To Do')
  /** Every event handled by the app, every notice read by the portal. */
  const settled = async () => {
    await f.sandbox.webhooks.idle()
    await app.server.productEventsIdle()
    await f.t.deps.changes.idle()
    await f.settle()
  }
  const lastEvent = () => app.server.productEvents.at(-1)

  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    server = await servePortal(f.t)
    allowed = f.sandbox.store.projects().slice(0, 3)
    outside = f.sandbox.store.projects()[3]!
    app = await startForgeApp(f.sandbox, allowed)
    app.deliverProductEvents()
    const saved = await f.people.manager.call('PUT', onSocket('/jira'), {
      body: { mode: 'forge', webTriggerUrl: app.webTriggerUrl, secret: app.secret, projectKeys: allowed.slice(0, 2).map((p) => p.key) },
    })
    expect(saved.status).toBe(201)
    await f.settle()
    initiativeId = await f.createInitiative('Through the app')
    epics = allowed.slice(0, 2).map((p) => f.sandbox.store.epics(p.key).find((e) => standardChildren(e.id).length > 1)!)
    for (const epic of epics) await f.linkEpic(initiativeId, epic.key)
    await settled()
  })
  afterAll(async () => {
    await app?.close()
    await server?.close()
    await f?.destroy()
  })

  test('saving the connection subscribed the app to this portal: waiting for the first event', async () => {
    expect(await feed()).toMatchObject({
      eventsUrl: deliveryUrl(),
      keyId: await secretFingerprint(app.secret),
      status: 'waiting',
      lastDeliveryAt: null,
      refusedDeliveries: 0,
    })
    expect(app.server.runtime.kvs.peek('portal-events')).toMatchObject({ url: deliveryUrl() })
    expect((await f.people.viewer.get(f.api('/jira'))).body.events).toMatchObject({ status: 'waiting' })
    // The secret is nowhere in what the portal shows.
    expect(JSON.stringify(await feed())).not.toContain(app.secret)
  })

  test('a child’s new status reaches the initiative’s figures within 5 s, with no manual sync', async () => {
    const epic = epics[0]!
    const child = standardChildren(epic.id)[0]!
    const before = (await runs()).length
    const started = performance.now()
    f.sandbox.store.updateIssue(child.id, { status: nextStatus(child.status) })
    const truth = truthOf(f.sandbox, epic.id)
    expect(figuresOf(await epicView(epic.id))).not.toEqual(truth)
    await eventually(async () => expect(figuresOf(await epicView(epic.id))).toEqual(truth), 5000)
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(5000)
    const rollUp = (await f.people.viewer.get(f.api(`/initiatives/${initiativeId}`))).body.progress.rollUp
    expect(rollUp.children.done).toBe(epics.reduce((sum, e) => sum + truthOf(f.sandbox, e.id).children.done, 0))
    await settled()
    expect(lastEvent()).toMatchObject({ eventType: 'avi:jira:updated:issue', issueKey: child.key, outcome: 'delivered' })
    const added = (await runs()).slice(before)
    expect(added.map((r) => [r.kind, r.trigger, r.outcome, r.epicsRead])).toEqual([['epics', 'event', 'ok', 1]])
    expect((await f.people.viewer.get(f.api('/jira'))).body.events).toMatchObject({ status: 'live', label: 'live', refusedDeliveries: 0 })
    expect(await feed()).toMatchObject({ status: 'live', deliveries: 1 })
    console.info(`[forge events ${dialect}] change to fresh figures: ${Math.round(elapsed)} ms`)
  })

  test('a child created under a tracked epic: the app reads its parent (one call) and the epic is read again', async () => {
    await settled()
    const epic = epics[1]!
    f.sandbox.clearRequests()
    f.sandbox.store.createIssue({ projectKey: epic.projectKey, type: 'story', summary: 'Found by an event', parent: epic.id, status: 'Done' })
    await eventually(async () => expect(figuresOf(await epicView(epic.id))).toEqual(truthOf(f.sandbox, epic.id)), 5000)
    await settled()
    expect(lastEvent()).toMatchObject({ eventType: 'avi:jira:created:issue', outcome: 'delivered' })
    // The documented payload has no parent: the app asked Jira for it, with one bulk fetch.
    const appCalls = app.server.runtime.jiraCalls.filter((call) => call.path === '/rest/api/3/issue/bulkfetch')
    expect(appCalls.length).toBeGreaterThanOrEqual(1)
  })

  test('issues of projects outside the allow-list never leave the app', async () => {
    await settled()
    const delivered = (await feed()).deliveries
    const issue = f.sandbox.store.epics(outside.key)[0]!
    f.sandbox.clearRequests()
    f.sandbox.store.updateIssue(issue.id, { summary: 'Secret plans' })
    f.sandbox.store.createIssue({ projectKey: outside.key, type: 'task', summary: 'Also secret' })
    await settled()
    expect(app.server.productEvents.slice(-2).map((e) => e.outcome)).toEqual(['not_allowed', 'not_allowed'])
    expect((await feed()).deliveries).toBe(delivered)
    // Not even the parent of the created one was read: the project decided first.
    expect(f.sandbox.requests).toEqual([])
  })

  test('changes to unlinked work cost no Jira call', async () => {
    const key = allowed[0]!.key
    const unlinkedEpic = f.sandbox.store.createIssue({ projectKey: key, type: 'epic', summary: 'Not tracked' })
    const child = f.sandbox.store.createIssue({ projectKey: key, type: 'story', summary: 'Untracked work', parent: unlinkedEpic.id })
    // An allowed project that is not linked to the portfolio.
    const unlinkedProjectIssue = f.sandbox.store.epics(allowed[2]!.key)[0]!
    await settled()
    f.sandbox.clearRequests()
    const before = (await runs()).length
    const delivered = (await feed()).deliveries
    f.sandbox.store.updateIssue(child.id, { status: 'Done' })
    f.sandbox.store.updateIssue(unlinkedEpic.id, { summary: 'Still not tracked' })
    f.sandbox.store.updateIssue(unlinkedProjectIssue.id, { summary: 'Linked nowhere' })
    await settled()
    expect(app.server.productEvents.slice(-3).map((e) => e.outcome)).toEqual(['delivered', 'delivered', 'delivered'])
    expect((await feed()).deliveries).toBe(delivered + 3)
    expect(f.sandbox.requests).toEqual([])
    expect((await runs()).length).toBe(before)
  })

  test('forged, stale, replayed, unknown, junk and oversized deliveries are refused and change nothing', async () => {
    await settled()
    const before = { runs: (await runs()).length, feed: await feed(), figures: figuresOf(await epicView(epics[0]!.id)) }
    f.sandbox.clearRequests()
    const notice = { issueId: epics[0]!.id, issueKey: epics[0]!.key, parentId: null, previousParentId: null, projectId: allowed[0]!.id, projectKey: allowed[0]!.key, event: 'updated' as const, at: new Date().toISOString() }
    const post = (body: string, headers: Record<string, string>) => fetch(deliveryUrl(), { method: 'POST', headers, body })

    const unsigned = await post(JSON.stringify({ notices: [notice] }), { 'content-type': 'application/json' })
    expect(unsigned.status).toBe(401)
    // The right key id, the wrong secret.
    const forged = await signNoticeDelivery(generateSecret(), [notice])
    const forgedAnswer = await post(forged.body, { ...forged.headers, 'X-PB-Key-Id': await secretFingerprint(app.secret) })
    expect([forgedAnswer.status, (await forgedAnswer.json()).error.details.reason]).toEqual([401, 'bad_signature'])
    const stale = await signNoticeDelivery(app.secret, [notice], { now: Date.now() - 10 * 60_000 })
    const staleAnswer = await post(stale.body, stale.headers)
    expect([staleAnswer.status, (await staleAnswer.json()).error.details.reason]).toEqual([401, 'stale'])
    // A tampered body under a genuine signature.
    const genuine = await signNoticeDelivery(app.secret, [{ ...notice, issueId: '999999', issueKey: 'NOPE-1', parentId: null }])
    expect((await post(genuine.body.replace('999999', epics[0]!.id), genuine.headers)).status).toBe(401)
    // A genuine delivery (of work nobody tracks) is taken once; the same again is a replay.
    expect((await post(genuine.body, genuine.headers)).status).toBe(202)
    const replay = await post(genuine.body, genuine.headers)
    expect([replay.status, (await replay.json()).error.details.reason]).toEqual([401, 'replayed'])
    // Signed by an app no connection uses: gone.
    const stranger = await signNoticeDelivery(generateSecret(), [notice])
    expect((await post(stranger.body, stranger.headers)).status).toBe(410)
    // Authentic, but not notices.
    const junkBody = JSON.stringify({ notices: 'all of them' })
    const junkHeaders = { ...(await signRequest(app.secret, junkBody)), 'X-PB-Key-Id': await secretFingerprint(app.secret), 'content-type': 'application/json' }
    expect((await post(junkBody, junkHeaders)).status).toBe(400)
    // Over 1 MB: refused before it is read, even when signed.
    const big = new TextEncoder().encode(`{"notices":[],"pad":"${'x'.repeat(1024 * 1024)}"}`)
    const oversized = await postOnce(deliveryUrl(), big, { ...(await signNoticeDelivery(app.secret, [notice])).headers })
    expect(oversized.status).toBe(413)

    await settled()
    const after = await feed()
    expect(after.refusedDeliveries).toBe(before.feed.refusedDeliveries + 4)
    // The genuine one counts; the authentic junk was refused after the signature check, as a bad body.
    expect(after.deliveries).toBe(before.feed.deliveries + 1)
    expect((await f.people.viewer.get(f.api('/jira'))).body.events.refusedDeliveries).toBe(after.refusedDeliveries)
    expect((await runs()).length).toBe(before.runs)
    expect(f.sandbox.requests).toEqual([])
    expect(figuresOf(await epicView(epics[0]!.id))).toEqual(before.figures)
  })

  test('a rotated app secret: the portal answers 410, the app stops; pasting the new secret subscribes again', async () => {
    await settled()
    const epic = epics[0]!
    const child = standardChildren(epic.id)[1]!
    await app.rotateSecret()
    f.sandbox.store.updateIssue(child.id, { summary: 'After rotation' })
    await settled()
    expect(lastEvent()).toMatchObject({ outcome: 'gone' })
    expect(app.server.runtime.kvs.peek('portal-events')).toBeUndefined()
    f.sandbox.store.updateIssue(child.id, { summary: 'Still after rotation' })
    await settled()
    expect(lastEvent()).toMatchObject({ outcome: 'no_portal' })

    const edited = await f.people.manager.call('PATCH', onSocket('/jira'), { body: { secret: app.secret } })
    expect(edited.status).toBe(200)
    await settled()
    expect(await feed()).toMatchObject({ keyId: await secretFingerprint(app.secret), eventsUrl: deliveryUrl() })
    f.sandbox.store.updateIssue(child.id, { status: nextStatus(f.sandbox.store.issue(child.id)!.status) })
    await eventually(async () => expect(figuresOf(await epicView(epic.id))).toEqual(truthOf(f.sandbox, epic.id)), 5000)
    await settled()
    expect(lastEvent()).toMatchObject({ outcome: 'delivered' })
  })

  test('a manager can subscribe again; other roles can neither subscribe nor see the feed', async () => {
    const again = await f.people.manager.call('POST', onSocket('/jira/forge-events'))
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ eventsUrl: deliveryUrl() })
    for (const person of [f.people.contributor, f.people.viewer, f.people.externalManager]) {
      expect((await person.post(f.api('/jira/forge-events'))).status).toBe(403)
      expect((await person.get(f.api('/jira/forge-events'))).status).toBe(403)
    }
    expect((await f.people.nonMember.get(f.api('/jira/forge-events'))).status).toBe(404)
  })

  test('nothing was ever written to Jira', () => {
    expect(f.sandbox.writes()).toEqual([])
  })
})
