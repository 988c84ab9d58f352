// Link Jira epics to initiatives and track their progress (the seed's "Link epic").
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { figuresOf, truthOf } from '../support/jira-truth.js'
import { DIALECTS } from '../support/test-database.js'

describe.each(DIALECTS)('epics on initiatives on %s', (dialect) => {
  let f: JiraFixture
  let linked: string[]
  let initiativeId: string
  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    linked = f.sandbox.store.projects().slice(0, 2).map((p) => p.key)
    await f.connect(linked)
    initiativeId = await f.createInitiative('Mobile checkout')
  })
  afterAll(() => f.destroy())

  test('the epics of the linked projects can be searched by summary, by key, and per project', async () => {
    const all = await f.people.contributor.get(f.api('/jira/epics'))
    expect(all.status).toBe(200)
    const expected = linked.flatMap((k) => f.sandbox.store.epics(k)).map((e) => e.key)
    expect(all.body.epics.map((e: { key: string }) => e.key).sort()).toEqual(expected.sort())
    const target = f.sandbox.store.epics(linked[1])[2]!
    const word = target.summary.split(' ').find((w) => w.length > 4)!
    const bySummary = await f.people.contributor.get(f.api(`/jira/epics?query=${encodeURIComponent(word)}`))
    expect(bySummary.body.epics.map((e: { key: string }) => e.key)).toContain(target.key)
    const byKey = await f.people.contributor.get(f.api(`/jira/epics?query=${target.key.toLowerCase()}`))
    expect(byKey.body.epics.map((e: { key: string }) => e.key)).toEqual([target.key])
    const perProject = await f.people.contributor.get(f.api(`/jira/epics?projectKey=${linked[0]}`))
    expect(perProject.body.epics.every((e: { projectKey: string }) => e.projectKey === linked[0])).toBe(true)
    const unlinkedProject = f.sandbox.store.projects()[3]!.key
    const refused = await f.people.contributor.get(f.api(`/jira/epics?projectKey=${unlinkedProject}`))
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('project_not_linked')
  })

  test('linking an epic reads its progress at once, matching Jira', async () => {
    const epic = f.sandbox.store.epics(linked[0]).find((e) => f.sandbox.store.children(e.id).length > 3)!
    const response = await f.people.contributor.post(f.api(`/initiatives/${initiativeId}/epics`), { epicKey: epic.key.toLowerCase() })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      id: epic.id,
      key: epic.key,
      summary: epic.summary,
      url: `${f.sandbox.url}/browse/${epic.key}`,
      status: { name: epic.status, category: epic.statusCategory },
      project: { key: linked[0] },
      state: 'ok',
      stale: false,
    })
    expect(response.body.project.avatarUrl).toMatch(/^http/)
    expect(response.body.readAt).not.toBeNull()
    expect(figuresOf(response.body)).toEqual(truthOf(f.sandbox, epic.id))
    const initiative = await f.people.viewer.get(f.api(`/initiatives/${initiativeId}`))
    expect(initiative.body.epics).toHaveLength(1)
    expect(initiative.body.progress.rollUp.children).toEqual(truthOf(f.sandbox, epic.id).children)
  })

  test('an initiative rolls up the children of all its epics; the list shows each roll-up', async () => {
    const more = f.sandbox.store.epics(linked[1]).slice(0, 2)
    for (const epic of more) await f.linkEpic(initiativeId, epic.key)
    const { body } = await f.people.viewer.get(f.api(`/initiatives/${initiativeId}`))
    const truths = body.epics.map((e: { id: string }) => truthOf(f.sandbox, e.id))
    const sum = (field: 'todo' | 'inProgress' | 'done' | 'total') => truths.reduce((t: number, x: { children: Record<string, number> }) => t + x.children[field]!, 0)
    expect(body.progress.rollUp.children).toEqual({ todo: sum('todo'), inProgress: sum('inProgress'), done: sum('done'), total: sum('total') })
    expect(body.progress.rollUp.epics).toBe(3)
    const list = await f.people.externalManager.get(f.api('/initiatives'))
    const row = list.body.initiatives.find((i: { id: string }) => i.id === initiativeId)
    expect(row.progress.rollUp).toEqual(body.progress.rollUp)
  })

  test('an epic from a project that is not linked, a non-epic, and an unknown key are refused', async () => {
    const foreign = f.sandbox.store.epics(f.sandbox.store.projects()[3]!.key)[0]!
    const notLinked = await f.people.manager.post(f.api(`/initiatives/${initiativeId}/epics`), { epicKey: foreign.key })
    expect(notLinked.status).toBe(422)
    expect(notLinked.body.error.code).toBe('project_not_linked')
    const story = f.sandbox.store.children(f.sandbox.store.epics(linked[0])[0]!.id)[0] ?? f.sandbox.store.issues().find((i) => i.hierarchyLevel === 0 && i.projectKey === linked[0])!
    const notEpic = await f.people.manager.post(f.api(`/initiatives/${initiativeId}/epics`), { epicKey: story.key })
    expect(notEpic.status).toBe(422)
    expect(notEpic.body.error.code).toBe('not_an_epic')
    const unknown = await f.people.manager.post(f.api(`/initiatives/${initiativeId}/epics`), { epicKey: `${linked[0]}-99999` })
    expect(unknown.status).toBe(422)
    expect(unknown.body.error.code).toBe('epic_not_found')
    const malformed = await f.people.manager.post(f.api(`/initiatives/${initiativeId}/epics`), { epicKey: 'not a key; DROP' })
    expect(malformed.status).toBe(400)
  })

  test('the same epic twice is a conflict; the 21st epic is over the limit', async () => {
    const first = (await f.people.manager.get(f.api(`/initiatives/${initiativeId}`))).body.epics[0]
    const again = await f.people.manager.post(f.api(`/initiatives/${initiativeId}/epics`), { epicKey: first.key })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('epic_already_linked')
    const full = await f.createInitiative('Full')
    const epics = linked.flatMap((k) => f.sandbox.store.epics(k))
    const extra = f.sandbox.store.createIssue({ projectKey: linked[0]!, type: 'epic', summary: 'One too many' })
    for (const epic of epics.slice(0, 10)) await f.linkEpic(full, epic.key)
    const more = Array.from({ length: 10 }, (_, i) => f.sandbox.store.createIssue({ projectKey: linked[1]!, type: 'epic', summary: `Extra ${i}` }))
    for (const epic of more) await f.linkEpic(full, epic.key)
    const over = await f.people.manager.post(f.api(`/initiatives/${full}/epics`), { epicKey: extra.key })
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('epic_limit_reached')
    expect((await f.people.manager.get(f.api(`/initiatives/${full}`))).body.epics).toHaveLength(20)
  })

  test('unlinking an epic by its key', async () => {
    const [epic] = (await f.people.manager.get(f.api(`/initiatives/${initiativeId}`))).body.epics
    const response = await f.people.contributor.call('DELETE', f.api(`/initiatives/${initiativeId}/epics/${epic.key}`))
    expect(response.status).toBe(200)
    expect(response.body.unlinked).toEqual({ id: epic.id, key: epic.key })
    const after = await f.people.manager.get(f.api(`/initiatives/${initiativeId}`))
    expect(after.body.epics.map((e: { key: string }) => e.key)).not.toContain(epic.key)
    const missing = await f.people.contributor.call('DELETE', f.api(`/initiatives/${initiativeId}/epics/${epic.key}`))
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('epic_not_linked')
  })

  test('viewers, external members and non-members cannot link, unlink or search epics', async () => {
    const epic = f.sandbox.store.epics(linked[0])[1]!
    for (const person of [f.people.viewer, f.people.externalManager]) {
      expect((await person.post(f.api(`/initiatives/${initiativeId}/epics`), { epicKey: epic.key })).status).toBe(403)
      expect((await person.get(f.api('/jira/epics'))).status).toBe(403)
      expect((await person.post(f.api('/jira/sync'))).status).toBe(403)
    }
    expect((await f.people.nonMember.get(f.api(`/initiatives/${initiativeId}`))).status).toBe(404)
    expect((await f.people.nonMember.post(f.api(`/initiatives/${initiativeId}/epics`), { epicKey: epic.key })).status).toBe(404)
  })

  test('linking and unlinking epics is audited with who and what', async () => {
    const entries = await f.t.db
      .selectFrom('auditLog')
      .select(['action', 'actorId', 'details'])
      .where('portfolioId', '=', f.portfolioId)
      .where('action', 'in', ['epic.linked', 'epic.unlinked'])
      .execute()
    expect(entries.filter((e) => e.action === 'epic.linked').length).toBeGreaterThan(20)
    const unlink = entries.find((e) => e.action === 'epic.unlinked')!
    expect(unlink.actorId).toBe(f.people.contributor.user.id)
  })
})
