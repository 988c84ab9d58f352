// The precomputed initiative roll-ups (and the list answer served from them) stay equal to the
// roll-up computed from the epics themselves after every write that can change them.
import { listRollups } from '../../portal-service/epics/initiative-rollup.repository.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { truthOf } from '../support/jira-truth.js'
import { DIALECTS } from '../support/test-database.js'

const MINUTE = 60_000

describe.each(DIALECTS)('initiative roll-ups on %s', (dialect) => {
  let f: JiraFixture
  let linked: string[]
  let initiatives: string[]

  /** The list's progress (roll-up table, cached answer) against each detail's (computed live). */
  async function expectRollupsRight(): Promise<void> {
    const list = await f.people.viewer.get(f.api('/initiatives'))
    expect(list.status).toBe(200)
    for (const row of list.body.initiatives) {
      const detail = await f.people.viewer.get(f.api(`/initiatives/${row.id}`))
      expect({ id: row.id, progress: row.progress }).toEqual({ id: row.id, progress: detail.body.progress })
    }
  }

  const sync = (mode: 'auto' | 'full') => f.t.deps.sync.syncPortfolio(f.portfolioId, { trigger: 'manual', mode })
  const childrenOf = (initiativeId: string) => f.people.viewer.get(f.api(`/initiatives/${initiativeId}`)).then((r) => r.body.progress.rollUp.children)

  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    linked = f.sandbox.store.projects().slice(0, 3).map((p) => p.key)
    await f.connect(linked)
    initiatives = [await f.createInitiative('Alpha'), await f.createInitiative('Beta'), await f.createInitiative('Gamma')]
  })
  afterAll(() => f.destroy())

  test('linking epics rolls them up at once; an initiative without epics shows an empty roll-up', async () => {
    await expectRollupsRight()
    for (const [i, key] of linked.entries()) {
      const [first, second] = f.sandbox.store.epics(key)
      await f.linkEpic(initiatives[0]!, first!.key)
      await f.linkEpic(initiatives[1 + (i % 2)]!, second!.key)
    }
    await expectRollupsRight()
    const alpha = await f.people.viewer.get(f.api(`/initiatives/${initiatives[0]}`))
    const truth = alpha.body.epics.map((e: { id: string }) => truthOf(f.sandbox, e.id).children.total)
    expect(alpha.body.progress.rollUp.children.total).toBe(truth.reduce((a: number, b: number) => a + b, 0))
  })

  test('full and incremental syncs carry Jira’s changes into the roll-ups', async () => {
    const alpha = await f.people.viewer.get(f.api(`/initiatives/${initiatives[0]}`))
    const epic = alpha.body.epics.find((e: { progress: { children: { total: number } } }) => e.progress.children.total > 1)
    const child = f.sandbox.store.children(epic.id).find((c) => c.hierarchyLevel === 0 && c.statusCategory !== 'done')!
    const before = await childrenOf(initiatives[0]!)
    f.t.clock.advance(MINUTE)
    f.sandbox.store.updateIssue(child.id, { status: 'Done' })
    f.sandbox.store.createIssue({ projectKey: epic.project.key, type: 'story', summary: 'More work', parent: epic.id, storyPoints: 3 })
    f.t.clock.advance(MINUTE)
    expect(await sync('auto')).toMatchObject({ kind: 'incremental', outcome: 'ok' })
    expect(await childrenOf(initiatives[0]!)).toMatchObject({ done: before.done + 1, total: before.total + 1 })
    await expectRollupsRight()
    f.sandbox.store.updateIssue(epic.id, { status: 'Done' })
    f.t.clock.advance(MINUTE)
    expect(await sync('full')).toMatchObject({ kind: 'full', outcome: 'ok' })
    await expectRollupsRight()
    const list = await f.people.viewer.get(f.api('/initiatives'))
    expect(list.body.initiatives.find((i: { id: string }) => i.id === initiatives[0]).progress.rollUp.epicsDoneWithOpenChildren).toBe(1)
  })

  test('a failed sync marks the roll-ups stale; the next good one clears it', async () => {
    f.sandbox.faults.add({ match: { path: '/rest/api/3/search/jql' }, kind: 'status', status: 400 })
    f.t.clock.advance(MINUTE)
    expect(await sync('full')).toMatchObject({ outcome: 'partial' })
    const stale = await f.people.viewer.get(f.api('/initiatives'))
    expect(stale.body.initiatives.filter((i: { progress: { rollUp: { epics: number } } }) => i.progress.rollUp.epics > 0).every((i: { progress: { stale: boolean } }) => i.progress.stale)).toBe(true)
    await expectRollupsRight()
    f.sandbox.faults.clear()
    f.t.clock.advance(MINUTE)
    expect(await sync('full')).toMatchObject({ outcome: 'ok' })
    const fresh = await f.people.viewer.get(f.api('/initiatives'))
    expect(fresh.body.initiatives.every((i: { progress: { stale: boolean } }) => !i.progress.stale)).toBe(true)
    await expectRollupsRight()
  })

  test('unlinking an epic, then a whole project, takes their figures out of the roll-ups', async () => {
    const beta = await f.people.viewer.get(f.api(`/initiatives/${initiatives[1]}`))
    const gone = beta.body.epics[0]
    const unlinked = await f.people.contributor.delete(f.api(`/initiatives/${initiatives[1]}/epics/${gone.key}`))
    expect(unlinked.status).toBe(200)
    await expectRollupsRight()
    expect((await f.people.viewer.get(f.api(`/initiatives/${initiatives[1]}`))).body.progress.rollUp.epics).toBe(beta.body.epics.length - 1)

    const project = await f.people.manager.call('DELETE', f.api(`/jira/projects/${linked[0]}`))
    expect(project.status).toBe(200)
    await expectRollupsRight()
    const alpha = await f.people.viewer.get(f.api(`/initiatives/${initiatives[0]}`))
    expect(alpha.body.epics.every((e: { project: { key: string } }) => e.project.key !== linked[0])).toBe(true)
  })

  test('deleting an initiative deletes its roll-up', async () => {
    const gamma = initiatives[2]!
    expect(await f.t.db.selectFrom('initiativeRollups').select('initiativeId').where('initiativeId', '=', gamma).executeTakeFirst()).toBeDefined()
    expect((await f.people.contributor.delete(f.api(`/initiatives/${gamma}`))).status).toBe(204)
    expect(await f.t.db.selectFrom('initiativeRollups').select('initiativeId').where('initiativeId', '=', gamma).executeTakeFirst()).toBeUndefined()
    await expectRollupsRight()
  })

  test('roll-ups missing (data from before the table) are computed on the first read', async () => {
    const before = await listRollups(f.t.db, f.portfolioId)
    await f.t.db.deleteFrom('initiativeRollups').where('portfolioId', '=', f.portfolioId).execute()
    expect(await listRollups(f.t.db, f.portfolioId)).toEqual(before)
    await expectRollupsRight()
  })

  test('deleting the connection empties every roll-up', async () => {
    const deleted = await f.people.manager.call('DELETE', f.api('/jira'))
    expect(deleted.status).toBe(200)
    await expectRollupsRight()
    const list = await f.people.viewer.get(f.api('/initiatives'))
    for (const initiative of list.body.initiatives) expect(initiative.progress).toMatchObject({ rollUp: { epics: 0 }, epicsNotRead: 0 })
    expect(await listRollups(f.t.db, f.portfolioId)).toEqual(new Map())
  })
})
