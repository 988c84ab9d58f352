// +Link Projects and ⨉: search, link several (20 at most, all or nothing), unlink with its epics.
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'
import { DIALECTS } from '../support/test-database.js'

describe.each(DIALECTS)('linked projects on %s', (dialect) => {
  let f: JiraFixture
  let keys: string[]
  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    keys = f.sandbox.store.projects().map((p) => p.key)
    await f.connect([keys[0]!])
  })
  afterAll(() => f.destroy())

  test('the picker searches on Jira’s side, pages, and marks what is linked', async () => {
    const first = await f.people.manager.get(f.api('/jira/projects/available'))
    expect(first.status).toBe(200)
    expect(first.body.projects).toHaveLength(50)
    expect(first.body.isLast).toBe(false)
    expect(first.body.projects.find((p: { key: string }) => p.key === keys[0])?.linked).toBe(true)
    const second = await f.people.manager.get(f.api('/jira/projects/available?startAt=50'))
    expect(second.body.startAt).toBe(50)
    expect(second.body.isLast).toBe(true)
    expect(first.body.projects.length + second.body.projects.length).toBe(keys.length)
    f.sandbox.clearRequests()
    const found = await f.people.manager.get(f.api(`/jira/projects/available?query=${encodeURIComponent(keys[2]!.toLowerCase())}`))
    expect(found.body.projects.map((p: { key: string }) => p.key)).toContain(keys[2])
    // One Jira call per search: never a scan of the whole site.
    expect(f.sandbox.requests.filter((r) => r.path === '/rest/api/3/project/search')).toHaveLength(1)
    expect(f.sandbox.requests[0]?.query.query).toEqual([keys[2]!.toLowerCase()])
  })

  test('links several at once; already linked ones are reported, not doubled', async () => {
    const response = await f.people.manager.post(f.api('/jira/projects'), { projectKeys: [keys[0], keys[1], keys[2]] })
    expect(response.status).toBe(200)
    expect(response.body.linked.map((p: { key: string }) => p.key).sort()).toEqual([keys[1], keys[2]].sort())
    expect(response.body.alreadyLinked).toEqual([keys[0]])
    expect(response.body.linkedProjects).toHaveLength(3)
  })

  test('the limit of 20 is all or nothing', async () => {
    const seventeen = keys.slice(3, 20)
    expect((await f.people.manager.post(f.api('/jira/projects'), { projectKeys: seventeen })).status).toBe(200)
    const over = await f.people.manager.post(f.api('/jira/projects'), { projectKeys: keys.slice(20, 22) })
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('project_limit_reached')
    expect(over.body.error.details).toEqual({ limit: 20, linked: 20, requested: 2 })
    expect((await f.people.manager.get(f.api('/jira'))).body.linkedProjects).toHaveLength(20)
  })

  test('keys the account cannot see are refused and nothing is linked', async () => {
    await f.people.manager.call('DELETE', f.api(`/jira/projects/${keys[19]}`))
    const response = await f.people.manager.post(f.api('/jira/projects'), { projectKeys: ['GHOST'] })
    expect(response.status).toBe(422)
    expect(response.body.error.code).toBe('unknown_projects')
    expect((await f.people.manager.get(f.api('/jira'))).body.linkedProjects).toHaveLength(19)
  })

  test('unlinking a project unlinks its epics from every initiative, and says which', async () => {
    const a = await f.createInitiative('Alpha')
    const b = await f.createInitiative('Beta')
    const [epic1, epic2] = f.sandbox.store.epics(keys[1])
    const other = f.sandbox.store.epics(keys[2])[0]!
    await f.linkEpic(a, epic1!.key)
    await f.linkEpic(b, epic1!.key)
    await f.linkEpic(b, epic2!.key)
    await f.linkEpic(b, other.key)
    const preview = await f.people.manager.get(f.api(`/jira/projects/${keys[1]}/unlink-preview`))
    expect(preview.status).toBe(200)
    const expected = [
      { id: epic1!.id, key: epic1!.key, summary: epic1!.summary, initiativeId: a, initiativeName: 'Alpha' },
      { id: epic1!.id, key: epic1!.key, summary: epic1!.summary, initiativeId: b, initiativeName: 'Beta' },
      { id: epic2!.id, key: epic2!.key, summary: epic2!.summary, initiativeId: b, initiativeName: 'Beta' },
    ]
    const sort = (list: { key: string; initiativeName: string }[]) =>
      [...list].sort((x, y) => `${x.initiativeName}${x.key}`.localeCompare(`${y.initiativeName}${y.key}`))
    expect(sort(preview.body.unlinkedEpics)).toEqual(sort(expected))
    const unlinked = await f.people.manager.call('DELETE', f.api(`/jira/projects/${keys[1]}`))
    expect(unlinked.status).toBe(200)
    expect(sort(unlinked.body.unlinkedEpics)).toEqual(sort(expected))
    const alpha = await f.people.manager.get(f.api(`/initiatives/${a}`))
    const beta = await f.people.manager.get(f.api(`/initiatives/${b}`))
    expect(alpha.body.epics).toEqual([])
    expect(beta.body.epics.map((e: { key: string }) => e.key)).toEqual([other.key])
    const snapshots = await f.t.db.selectFrom('epicSnapshots').select('jiraIssueId').where('portfolioId', '=', f.portfolioId).execute()
    expect(snapshots.map((s) => s.jiraIssueId)).toEqual([other.id])
    const audit = await f.t.db.selectFrom('auditLog').select(['action', 'details']).where('action', '=', 'jira.project_unlinked').execute()
    expect(audit.some((e) => e.details.includes(epic2!.key))).toBe(true)
  })

  test('unlinking a project that is not linked is a 404', async () => {
    const response = await f.people.manager.call('DELETE', f.api('/jira/projects/NOPE'))
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('project_not_linked')
  })

  test('only same-company managers may link and unlink projects', async () => {
    for (const person of [f.people.contributor, f.people.viewer, f.people.externalManager]) {
      expect((await person.get(f.api('/jira/projects/available'))).status).toBe(403)
      expect((await person.post(f.api('/jira/projects'), { projectKeys: [keys[1]] })).status).toBe(403)
      expect((await person.call('DELETE', f.api(`/jira/projects/${keys[2]}`))).status).toBe(403)
    }
    expect((await f.people.nonMember.post(f.api('/jira/projects'), { projectKeys: [keys[1]] })).status).toBe(404)
    // Everyone in the portfolio sees the linked projects.
    for (const person of [f.people.contributor, f.people.viewer, f.people.externalManager]) {
      expect((await person.get(f.api('/jira'))).body.linkedProjects.length).toBeGreaterThan(0)
    }
  })
})

describe.each(DIALECTS)('concurrent linking on %s', (dialect) => {
  let f: JiraFixture
  beforeAll(async () => {
    f = await createJiraFixture(dialect)
    await f.connect([])
  })
  afterAll(() => f.destroy())

  test('50 requests linking distinct projects at once end with exactly 20 linked', async () => {
    const keys = f.sandbox.store.projects().slice(0, 50).map((p) => p.key)
    const answers = await Promise.all(keys.map((key) => f.people.manager.post(f.api('/jira/projects'), { projectKeys: [key] })))
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(20)
    expect(statuses.filter((s) => s === 409)).toHaveLength(30)
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error.code).toBe('project_limit_reached')
    const linked = await f.t.db.selectFrom('linkedProjects').select('projectKey').where('portfolioId', '=', f.portfolioId).execute()
    expect(linked).toHaveLength(20)
  })
})
