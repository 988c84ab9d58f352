// Issue 10: history, changes and forecast from weekly syncs of the sandbox under a fake clock, asserted exactly on both databases.
import { compactHistory } from '../../portal-service/history/history-compaction.js'
import type { SandboxIssue } from '../jira-sandbox/index.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import type { Client } from '../support/test-app.js'
import { DIALECTS } from '../support/test-database.js'

const DAY = 24 * 60 * 60 * 1000
const WEEK = 7 * DAY
/** A Monday in the sandbox's past, so the data it generated is older than anything done here. */
const START = '2027-03-01T09:00:00.000Z'

type Status = 'To Do' | 'In Progress' | 'Done'

describe.each(DIALECTS)('history, changes and forecast on %s', (dialect) => {
  let f: JiraFixture
  let manager: Client
  let viewer: Client
  let external: Client
  let initiativeId: string
  let projects: string[]
  const epics: Record<'A' | 'B' | 'C', { epic: SandboxIssue; children: SandboxIssue[] }> = {} as never

  const api = (path: string) => f.api(`/initiatives/${initiativeId}${path}`)
  const sync = () => f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual' })
  const setStatus = (child: SandboxIssue, status: Status) => f.sandbox.store.updateIssue(child.key, { status })
  const get = async (client: Client, path: string) => {
    const response = await client.get(path)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    return response.body
  }

  function makeEpic(projectKey: string, summary: string, children: [Status, number][]) {
    const epic = f.sandbox.store.createIssue({ projectKey, type: 'epic', summary })
    const made = children.map(([status, storyPoints], i) =>
      f.sandbox.store.createIssue({ projectKey, type: 'story', summary: `${summary} ${i + 1}`, parent: epic.key, status, storyPoints }),
    )
    return { epic, children: made }
  }

  // Sessions lapse after a week idle: the test reads with personal access tokens, as scripts would.
  async function bearer(session: Client): Promise<Client> {
    const created = await session.post('/api/me/tokens', { name: 'history test' })
    return f.t.client({ Authorization: `Bearer ${created.body.token}` })
  }

  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    manager = await bearer(f.people.manager)
    viewer = await bearer(f.people.viewer)
    external = await bearer(f.people.externalManager)
    projects = f.sandbox.store.projects().slice(0, 2).map((p) => p.key)
    await f.connect(projects)
    f.t.clock.set(START)
    // A: ten children of 2 points, none started. B: four of 5 points, two done. C (another project): six of 1 point, three done.
    epics.A = makeEpic(projects[0]!, 'Checkout API', Array.from({ length: 10 }, () => ['To Do', 2] as [Status, number]))
    epics.B = makeEpic(projects[0]!, 'Wallets', [['Done', 5], ['Done', 5], ['To Do', 5], ['To Do', 5]])
    epics.C = makeEpic(projects[1]!, 'Fraud checks', [['Done', 1], ['Done', 1], ['Done', 1], ['To Do', 1], ['To Do', 1], ['To Do', 1]])
    const created = await manager.post(f.api('/initiatives'), { name: 'Checkout revamp', targetDate: '2027-04-09' })
    initiativeId = created.body.id
    for (const key of ['A', 'B'] as const) expect((await manager.post(api('/epics'), { epicKey: epics[key].epic.key })).status).toBe(201)
    expect(await sync()).toMatchObject({ status: 'done', outcome: 'ok' })

    // Week 1: two of A done, one started, and one more child for A (scope).
    f.t.clock.advance(WEEK)
    setStatus(epics.A.children[0]!, 'Done')
    setStatus(epics.A.children[1]!, 'Done')
    setStatus(epics.A.children[2]!, 'In Progress')
    epics.A.children.push(f.sandbox.store.createIssue({ projectKey: projects[0]!, type: 'story', summary: 'Checkout API 11', parent: epics.A.epic.key, storyPoints: 2 }))
    expect(await sync()).toMatchObject({ kind: 'full', outcome: 'ok' })

    // Week 2: three of A done (the started one among them), one of B; then C is linked with half its work done.
    f.t.clock.advance(WEEK)
    for (const i of [2, 3, 4]) setStatus(epics.A.children[i]!, 'Done')
    setStatus(epics.B.children[2]!, 'Done')
    expect(await sync()).toMatchObject({ outcome: 'ok' })
    expect((await manager.post(api('/epics'), { epicKey: epics.C.epic.key })).status).toBe(201)

    // Week 3: one of A done and read in full; ten minutes later another of A and one of C, read incrementally; then B is unlinked.
    f.t.clock.advance(WEEK)
    setStatus(epics.A.children[5]!, 'Done')
    expect(await sync()).toMatchObject({ kind: 'full', outcome: 'ok' })
    f.t.clock.advance(10 * 60_000)
    setStatus(epics.A.children[6]!, 'Done')
    setStatus(epics.C.children[3]!, 'Done')
    expect(await sync()).toMatchObject({ kind: 'incremental', outcome: 'ok' })
    expect((await manager.delete(api(`/epics/${epics.B.epic.key}`))).status).toBe(200)
  })
  afterAll(() => f?.destroy())

  test('the burn-up: one point per day that changed, linking and unlinking moving scope', async () => {
    expect(await get(viewer, api('/history?from=2027-02-20&to=2027-03-31&basis=count'))).toEqual({
      basis: 'count',
      from: '2027-02-20',
      to: '2027-03-31',
      points: [
        { date: '2027-03-01', scope: 14, done: 2, inProgress: 0 },
        { date: '2027-03-08', scope: 15, done: 4, inProgress: 1 },
        { date: '2027-03-15', scope: 21, done: 11, inProgress: 0 },
        { date: '2027-03-22', scope: 17, done: 11, inProgress: 0 },
      ],
    })
    expect((await get(external, api('/history?from=2027-02-20&to=2027-03-31&basis=points'))).points).toEqual([
      { date: '2027-03-01', scope: 40, done: 10, inProgress: 0 },
      { date: '2027-03-08', scope: 42, done: 14, inProgress: 2 },
      { date: '2027-03-15', scope: 48, done: 28, inProgress: 0 },
      { date: '2027-03-22', scope: 28, done: 18, inProgress: 0 },
    ])
    // A range starting mid-way carries the figures in force; the default is the last twelve weeks, by points here.
    expect((await get(viewer, api('/history?from=2027-03-10&to=2027-03-16&basis=count'))).points).toEqual([
      { date: '2027-03-10', scope: 15, done: 4, inProgress: 1 },
      { date: '2027-03-15', scope: 21, done: 11, inProgress: 0 },
    ])
    expect(await get(viewer, api('/history'))).toMatchObject({ basis: 'points', from: '2026-12-29', to: '2027-03-22' })
  })

  test('what changed since a date: linking is scope, not work done', async () => {
    const [A, B, C] = (['A', 'B', 'C'] as const).map((k) => epics[k].epic)
    expect(await get(viewer, api('/changes?since=2027-03-15&basis=count'))).toEqual({
      since: '2027-03-15',
      basis: 'count',
      scopeAdded: 6,
      scopeRemoved: 4,
      doneAdded: 5 + 1 + 1,
      epicsLinked: [C!.key],
      epicsUnlinked: [B!.key],
      epics: [
        { id: A!.id, key: A!.key, scopeDelta: 0, doneDelta: 5 },
        { id: B!.id, key: B!.key, scopeDelta: -4, doneDelta: 1 },
        { id: C!.id, key: C!.key, scopeDelta: 6, doneDelta: 1 },
      ].sort((x, y) => x.key.localeCompare(y.key, 'en', { numeric: true })),
    })
    expect(await get(viewer, api('/changes?since=2027-03-01&basis=points'))).toMatchObject({
      scopeAdded: 22 + 6,
      scopeRemoved: 0,
      doneAdded: 14 + 5 + 1,
      epicsLinked: [A!.key, B!.key, C!.key],
      epicsUnlinked: [B!.key],
    })
  })

  test('the forecast: weeks of 2, 4 and 3 children done (C’s work when linked is not one of them)', async () => {
    expect(await get(viewer, api('/forecast?basis=count'))).toEqual({
      basis: 'count',
      status: 'on_track',
      remaining: 6,
      weeklyThroughput: { slowest: 2, fastest: 4 },
      // 6 left: 10.5 days at 4 a week, 21 days at 2 a week, from 22 March.
      completesBetween: ['2027-04-02', '2027-04-12'],
      earliestCompletion: '2027-04-02',
      goLive: '2027-04-09',
      suggestion: 'at_risk',
      reason: null,
      recentWeeks: [2, 4, 3],
    })
    // By points: weeks of 4, 6 + 5 and 4 + 1; 10 points left. The default basis is points: the children are estimated.
    expect(await get(viewer, api('/forecast'))).toMatchObject({
      basis: 'points',
      remaining: 10,
      weeklyThroughput: { slowest: 4, fastest: 11 },
      completesBetween: ['2027-03-29', '2027-04-09'],
      suggestion: 'on_track',
      recentWeeks: [4, 11, 5],
    })
  })

  test('bad dates and bases are refused with a 400 in the error shape; unknown initiatives are 404', async () => {
    for (const path of [
      '/history?from=2027-02-30',
      '/history?to=yesterday',
      '/history?from=2027-03-10&to=2027-03-01',
      '/history?basis=hours',
      '/changes?since=2027-13-01',
      '/changes?since=2099-01-01',
      '/changes?basis=',
      '/forecast?basis=COUNT',
      '/forecast?basis=count&basis=points',
    ]) {
      const response = await viewer.get(api(path))
      expect({ path, status: response.status, code: response.body?.error?.code }).toEqual({ path, status: 400, code: 'validation_failed' })
    }
    const missing = await viewer.get(f.api(`/initiatives/${crypto.randomUUID()}/forecast`))
    expect(missing.status).toBe(404)
  })

  test('unlinking a project and deleting the connection close the intervals: scope leaves, work done stays', async () => {
    f.t.clock.advance(DAY)
    expect((await manager.delete(f.api(`/jira/projects/${projects[1]}`))).status).toBe(200)
    f.t.clock.advance(DAY)
    expect((await manager.delete(f.api('/jira'))).status).toBe(200)
    const { points } = await get(viewer, api('/history?from=2027-03-20&to=2027-03-31&basis=count'))
    expect(points).toEqual([
      { date: '2027-03-20', scope: 21, done: 11, inProgress: 0 },
      { date: '2027-03-22', scope: 17, done: 11, inProgress: 0 },
      { date: '2027-03-23', scope: 11, done: 7, inProgress: 0 },
      { date: '2027-03-24', scope: 0, done: 0, inProgress: 0 },
    ])
    const changes = await get(viewer, api('/changes?since=2027-03-22&basis=count'))
    // On the 22nd A, B and C made 21; A and C did three more that day, and all have left since.
    expect(changes).toMatchObject({ scopeAdded: 0, scopeRemoved: 21, doneAdded: 3, epicsLinked: [] })
    expect([...changes.epicsUnlinked].sort()).toEqual([epics.A.epic.key, epics.B.epic.key, epics.C.epic.key].sort())
    const open = await f.t.db.selectFrom('epicLinkIntervals').select('id').where('initiativeId', '=', initiativeId).where('unlinkedAt', 'is', null).execute()
    expect(open).toEqual([])
  })

  test('compaction keeps the last point of each day once a week old, and the answers do not move', async () => {
    const before = await get(viewer, api('/changes?since=2027-03-15&basis=count'))
    const perDay = async () =>
      (
        await f.t.db
          .selectFrom('epicHistory as h')
          .innerJoin('epicHistorySeries as s', 's.id', 'h.seriesId')
          .select(['s.jiraIssueId', 'h.recordedAt'])
          .where('s.portfolioId', '=', f.portfolioId)
          .execute()
      ).reduce((days, p) => days.set(`${p.jiraIssueId} ${p.recordedAt.slice(0, 10)}`, (days.get(`${p.jiraIssueId} ${p.recordedAt.slice(0, 10)}`) ?? 0) + 1), new Map<string, number>())
    // A was read twice on the 22nd (full, then incremental) and once more when unlinked on the 24th.
    expect(Math.max(...(await perDay()).values())).toBeGreaterThan(1)
    f.t.clock.set('2027-04-02T09:00:00.000Z')
    // The scheduler's tick runs it (hourly): here, its first tick.
    await f.t.deps.sync.runMaintenance()
    expect(Math.max(...(await perDay()).values())).toBe(1)
    expect(await get(viewer, api('/changes?since=2027-03-15&basis=count'))).toEqual(before)
    // Compacting again finds nothing more to do.
    expect(await compactHistory(f.t.db, f.t.clock.now())).toMatchObject({ pointsDeleted: 0, daysDeleted: 0 })
  })

  test('two years on, each epic keeps its last point from before the horizon; a deleted initiative takes its history', async () => {
    f.t.clock.set('2029-03-12T09:00:00.000Z')
    await compactHistory(f.t.db, f.t.clock.now())
    // The horizon is 12 March 2027: A's points of 1 and 8 March thin to the last, the one in force then.
    const aPoints = await f.t.db
      .selectFrom('epicHistory as h')
      .innerJoin('epicHistorySeries as s', 's.id', 'h.seriesId')
      .select('h.recordedAt')
      .where('s.jiraIssueId', '=', epics.A.epic.id)
      .orderBy('h.recordedAt')
      .execute()
    expect(aPoints.map((p) => p.recordedAt.slice(0, 10))).toEqual(['2027-03-08', '2027-03-15', '2027-03-22', '2027-03-24'])
    // So do the initiative's days: the burn-up of March now starts on the 8th.
    expect((await get(viewer, api('/history?from=2027-03-01&to=2027-03-31&basis=count'))).points[0]).toEqual({ date: '2027-03-08', scope: 15, done: 4, inProgress: 1 })
    expect((await manager.delete(api(''))).status).toBe(204)
    expect(await f.t.db.selectFrom('epicLinkIntervals').select('id').where('portfolioId', '=', f.portfolioId).execute()).toEqual([])
    expect(await f.t.db.selectFrom('initiativeHistory').select('day').where('initiativeId', '=', initiativeId).execute()).toEqual([])
    expect(await f.t.db.selectFrom('epicHistorySeries').select('id').where('portfolioId', '=', f.portfolioId).execute()).toEqual([])
  })
})
