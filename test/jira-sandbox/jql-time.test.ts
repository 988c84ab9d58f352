// Time in JQL: absolute dates read in the searching user's time zone, relative periods counted from
// the injected clock (pinned for every page of one search), and the eventually consistent index.
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { client } from './jira-fetch.js'

describe('dates', () => {
  let sandbox: JiraSandbox
  let now = Date.parse('2026-11-25T12:00:00Z')
  const at = (iso: string) => (now = Date.parse(iso))

  beforeAll(async () => {
    sandbox = await startJiraSandbox({ clock: () => new Date(now) })
    sandbox.store.addProject({ key: 'TZ', name: 'Time zones' })
    at('2026-11-25T08:30:00Z') // 09:30 in Amsterdam, 03:30 in New York, 17:30 in Tokyo
    sandbox.store.createIssue({ projectKey: 'TZ', type: 'task', summary: 'early' })
    at('2026-11-25T09:30:00Z') // 10:30 in Amsterdam, 04:30 in New York
    sandbox.store.createIssue({ projectKey: 'TZ', type: 'task', summary: 'late' })
    at('2026-11-25T12:00:00Z')
  })
  afterAll(() => sandbox.close())

  async function summaries(email: string, jql: string): Promise<string[]> {
    const account = sandbox.store.account(email)!
    const res = await client(sandbox.url, account).post('/rest/api/3/search/jql', {
      jql: `project = TZ AND ${jql}`,
      fields: ['summary'],
    })
    expect(res.status, res.text).toBe(200)
    return res.json.issues.map((i: { fields: { summary: string } }) => i.fields.summary).sort()
  }

  test('the same absolute time means a different instant for users in different zones', async () => {
    sandbox.store.addAccount({ email: 'utc@sandbox.test', token: 'u', timeZone: 'UTC' })
    sandbox.store.addAccount({ email: 'ny@sandbox.test', token: 'n', timeZone: 'America/New_York' })
    sandbox.store.addAccount({ email: 'tokyo@sandbox.test', token: 't', timeZone: 'Asia/Tokyo' })
    expect(await summaries('admin@sandbox.test', 'updated >= "2026-11-25 10:00"')).toEqual(['late'])
    expect(await summaries('utc@sandbox.test', 'updated >= "2026-11-25 10:00"')).toEqual([])
    expect(await summaries('utc@sandbox.test', 'updated >= "2026-11-25 09:00"')).toEqual(['late'])
    expect(await summaries('ny@sandbox.test', 'updated >= "2026/11/25 04:00"')).toEqual(['late'])
    expect(await summaries('ny@sandbox.test', 'updated < "2026-11-25 04:00"')).toEqual(['early'])
    // A bare date is midnight in the user's zone: the 25th starts at 15:00 UTC on the 24th in Tokyo.
    expect(await summaries('tokyo@sandbox.test', 'created >= "2026-11-25"')).toEqual([
      'early',
      'late',
    ])
    expect(await summaries('tokyo@sandbox.test', 'created > "2026/11/24 23:59"')).toEqual([
      'early',
      'late',
    ])
    expect(await summaries('utc@sandbox.test', 'created >= "2026-11-25"')).toEqual([
      'early',
      'late',
    ])
    expect(await summaries('tokyo@sandbox.test', 'created >= "2026-11-25 18:00"')).toEqual(['late'])
    expect(await summaries('tokyo@sandbox.test', 'created < "2026-11-26"')).toEqual([
      'early',
      'late',
    ])
    expect(await summaries('tokyo@sandbox.test', 'created >= "2026-11-26"')).toEqual([])
    expect(await summaries('ny@sandbox.test', 'created < "2026-11-25"')).toEqual([])
  })

  test('relative periods count back from the injected clock', async () => {
    expect(await summaries('admin@sandbox.test', 'updated >= -4h')).toEqual(['early', 'late'])
    expect(await summaries('admin@sandbox.test', 'updated >= -3h')).toEqual(['late'])
    expect(await summaries('admin@sandbox.test', 'updated >= -150m')).toEqual(['late'])
    expect(await summaries('admin@sandbox.test', 'updated >= "-2h"')).toEqual([])
    expect(await summaries('admin@sandbox.test', 'updated > "-1d 2h"')).toEqual(['early', 'late'])
    at('2026-12-02T08:00:00Z')
    expect(await summaries('admin@sandbox.test', 'updated >= -1w')).toEqual(['early', 'late'])
    expect(await summaries('admin@sandbox.test', 'updated >= -6d')).toEqual([])
    at('2026-11-25T12:00:00Z')
  })

  test('a change stamps updated with the clock', async () => {
    const issue = sandbox.store.issues().find((i) => i.summary === 'early')!
    at('2026-11-25T11:59:00Z')
    sandbox.store.updateIssue(issue.key, { status: 'In Progress' })
    at('2026-11-25T12:00:00Z')
    expect(sandbox.store.issue(issue.key)!.updated.toISOString()).toBe('2026-11-25T11:59:00.000Z')
    expect(await summaries('admin@sandbox.test', 'updated >= -15m')).toEqual(['early'])
    const rendered = await client(sandbox.url, sandbox.accounts.admin).post(
      '/rest/api/3/issue/bulkfetch',
      { issueIdsOrKeys: [issue.key], fields: ['updated', 'created'] },
    )
    expect(rendered.json.issues[0].fields).toEqual({
      updated: '2026-11-25T12:59:00.000+0100',
      created: '2026-11-25T09:30:00.000+0100',
    })
  })

  test('every page of one search uses the clock reading of its first page', async () => {
    for (let i = 0; i < 4; i++)
      sandbox.store.createIssue({ projectKey: 'TZ', type: 'story', summary: `page ${i}` })
    const admin = client(sandbox.url, sandbox.accounts.admin)
    const first = (
      await admin.post('/rest/api/3/search/jql', {
        jql: 'project = TZ AND updated >= -1m',
        maxResults: 2,
      })
    ).json
    expect(first.issues).toHaveLength(2)
    at('2026-11-25T13:00:00Z')
    const second = (
      await admin.post('/rest/api/3/search/jql', {
        jql: 'project = TZ AND updated >= -1m',
        maxResults: 2,
        nextPageToken: first.nextPageToken,
      })
    ).json
    expect(second.issues).toHaveLength(2)
    const fresh = (
      await admin.post('/rest/api/3/search/jql', { jql: 'project = TZ AND updated >= -1m' })
    ).json
    expect(fresh.issues).toHaveLength(0)
    at('2026-11-25T12:00:00Z')
  })
})

describe('search index lag', () => {
  let sandbox: JiraSandbox
  let admin: ReturnType<typeof client>
  const LAG = 150

  beforeAll(async () => {
    sandbox = await startJiraSandbox({ searchIndexLagMs: LAG })
    admin = client(sandbox.url, sandbox.accounts.admin)
  })
  afterAll(() => sandbox.close())

  const search = async (jql: string, extra: Record<string, unknown> = {}) =>
    (
      await admin.post('/rest/api/3/search/jql', {
        jql,
        fields: ['status'],
        maxResults: 500,
        ...extra,
      })
    ).json.issues as { id: string; key: string; fields: { status: { name: string } } }[]

  test('generated data is searchable at once; later changes only after the lag, direct reads at once', async () => {
    const epic = sandbox.store.epics('PA')[0]!
    const before = await search(`parent = ${epic.key}`)
    expect(before.length).toBe(sandbox.store.children(epic.key).length)
    const child = sandbox.store.createIssue({
      projectKey: 'PA',
      type: 'story',
      summary: 'fresh',
      parent: epic.key,
    })
    expect((await search(`parent = ${epic.key}`)).map((i) => i.key)).not.toContain(child.key)
    const count = (
      await admin.post('/rest/api/3/search/approximate-count', { jql: `parent = ${epic.key}` })
    ).json.count
    expect(count).toBe(before.length)
    const bulk = (await admin.post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [child.key] }))
      .json.issues
    expect(bulk.map((i: { key: string }) => i.key)).toEqual([child.key])
    // read-after-write: reconcileIssues makes the search consider the current state of those ids
    const reconciled = await search(`parent = ${epic.key}`, { reconcileIssues: [Number(child.id)] })
    expect(reconciled.map((i) => i.key)).toContain(child.key)
    await new Promise((r) => setTimeout(r, LAG + 50))
    expect((await search(`parent = ${epic.key}`)).map((i) => i.key)).toContain(child.key)
  })

  test('an update is seen by search with its old values until the lag has passed', async () => {
    const issue =
      sandbox.store.children(sandbox.store.epics('PA')[1]!.key)[0] ?? sandbox.store.epics('PA')[1]!
    sandbox.store.updateIssue(issue.key, { status: "Won't Do" })
    const stale = (await search(`key = ${issue.key}`))[0]!
    expect(stale.fields.status.name).not.toBe("Won't Do")
    expect(await search(`key = ${issue.key} AND status = "Won't Do"`)).toEqual([])
    sandbox.store.flushSearchIndex()
    expect((await search(`key = ${issue.key} AND status = "Won't Do"`)).map((i) => i.key)).toEqual([
      issue.key,
    ])
  })

  test('deletions leave the search only after the lag', async () => {
    const issue = sandbox.store.createIssue({
      projectKey: 'PB',
      type: 'task',
      summary: 'short-lived',
    })
    sandbox.store.flushSearchIndex()
    sandbox.store.deleteIssue(issue.key)
    expect((await search('project = PB')).map((i) => i.id)).toContain(issue.id)
    expect(
      (await admin.post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [issue.id] })).json.issues,
    ).toEqual([])
    await new Promise((r) => setTimeout(r, LAG + 50))
    expect((await search('project = PB')).map((i) => i.id)).not.toContain(issue.id)
  })
})
