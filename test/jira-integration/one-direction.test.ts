// One direction only: every procedure of the integration, and Jira's request log shows only reads.
import { READ_ONLY_POST_PATHS } from '../../shared/jira/read-only.js'
import { createJiraFixture, type JiraFixture } from '../support/jira-fixture.js'

let f: JiraFixture
beforeAll(async () => {
  f = await createJiraFixture('sqlite')
})
afterAll(() => f.destroy())

test('every procedure of the seed reads from Jira and never writes', async () => {
  const { manager, contributor } = f.people
  const keys = f.sandbox.store.projects().slice(0, 3).map((p) => p.key)
  const ok = (response: { status: number; body: unknown }, status = 200) => {
    expect({ status: response.status, body: response.body }).toMatchObject({ status })
  }
  ok(await manager.post(f.api('/jira/verify'), f.credentials))
  ok(await manager.call('PUT', f.api('/jira'), { body: { ...f.credentials, projectKeys: [keys[0]] } }), 201)
  ok(await manager.patch(f.api('/jira'), { apiToken: f.credentials.apiToken }))
  ok(await manager.get(f.api('/jira/projects/available?query=a')))
  ok(await manager.post(f.api('/jira/projects'), { projectKeys: [keys[1], keys[2]] }))
  const initiativeId = await f.createInitiative()
  ok(await contributor.get(f.api(`/jira/epics?projectKey=${keys[1]}`)))
  const epic = f.sandbox.store.epics(keys[1])[0]!
  ok(await contributor.post(f.api(`/initiatives/${initiativeId}/epics`), { epicKey: epic.key }), 201)
  ok(await contributor.post(f.api('/jira/sync'), { full: true }), 202)
  await f.settle()
  f.t.clock.advance(11 * 60_000)
  ok(await contributor.post(f.api('/jira/sync')), 202)
  await f.settle()
  ok(await contributor.call('DELETE', f.api(`/initiatives/${initiativeId}/epics/${epic.key}`)))
  ok(await manager.get(f.api(`/jira/projects/${keys[2]}/unlink-preview`)))
  ok(await manager.call('DELETE', f.api(`/jira/projects/${keys[2]}`)))
  ok(await manager.get(f.api('/jira/delete-preview')))
  ok(await manager.call('DELETE', f.api('/jira')))

  const jiraCalls = f.sandbox.requests.filter((r) => r.path.startsWith('/rest/'))
  expect(jiraCalls.length).toBeGreaterThan(10)
  expect(f.sandbox.writes()).toEqual([])
  for (const call of jiraCalls) {
    if (call.method === 'GET') continue
    expect({ method: call.method, path: call.path }).toEqual({
      method: 'POST',
      path: expect.toSatisfy((path: string) => (READ_ONLY_POST_PATHS as readonly string[]).includes(path)),
    })
  }
  // The removed search API (410 Gone) is never used.
  expect(jiraCalls.some((r) => r.path === '/rest/api/3/search')).toBe(false)
})
