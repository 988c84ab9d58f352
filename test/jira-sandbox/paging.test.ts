// Paging to the end: projects by startAt/nextPage (total, isLast, at most 100 a page) and issues by
// opaque nextPageToken (no total; 5000 a page for ids only, 100 with fields).
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { client } from './jira-fetch.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>

beforeAll(async () => {
  sandbox = await startJiraSandbox({
    dataset: { projects: 4, epicsPerProject: 30, childrenPerEpic: 50, extraProjects: 150 },
  })
  admin = client(sandbox.url, sandbox.accounts.admin)
})
afterAll(() => sandbox.close())

test('project search pages to the end through nextPage, sorted by key', async () => {
  const keys: string[] = []
  let url: string | undefined = '/rest/api/3/project/search?maxResults=40'
  let pages = 0
  while (url) {
    const page: {
      total: number
      maxResults: number
      values: { key: string }[]
      isLast: boolean
      nextPage?: string
    } = (await admin.get(url)).json
    expect(page.total).toBe(154)
    expect(page.maxResults).toBe(40)
    keys.push(...page.values.map((p) => p.key))
    expect(page.isLast).toBe(page.nextPage === undefined)
    url = page.nextPage?.slice(sandbox.url.length)
    pages++
  }
  expect(pages).toBe(4)
  expect(keys).toHaveLength(154)
  expect(keys).toEqual([...keys].sort())
  expect(new Set(keys).size).toBe(154)
})

test('project search caps pages at 100, defaults to 50, and keeps filters in nextPage', async () => {
  const big = (await admin.get('/rest/api/3/project/search?maxResults=500')).json
  expect(big.maxResults).toBe(100)
  expect(big.values).toHaveLength(100)
  expect((await admin.get('/rest/api/3/project/search')).json.values).toHaveLength(50)
  expect((await admin.get('/rest/api/3/project/search?maxResults=0')).json.values).toHaveLength(50)
  const filtered = (await admin.get('/rest/api/3/project/search?query=x&maxResults=5')).json
  expect(filtered.nextPage).toContain('query=x')
  expect(filtered.nextPage).toContain('startAt=5')
  const past = (await admin.get('/rest/api/3/project/search?startAt=1000')).json
  expect(past).toMatchObject({ values: [], isLast: true, total: 154 })
})

test('project search filters by query (key or name, any case), keys and id, and orders by name', async () => {
  const pa = sandbox.store.project('PA')!
  const byName = (
    await admin.get(
      `/rest/api/3/project/search?query=${encodeURIComponent(pa.name.slice(0, 6).toUpperCase())}`,
    )
  ).json
  expect(byName.values.map((p: { key: string }) => p.key)).toContain('PA')
  const byKey = (await admin.get('/rest/api/3/project/search?query=pb')).json
  expect(byKey.values.map((p: { key: string }) => p.key)).toEqual(['PB'])
  const keys = (await admin.get('/rest/api/3/project/search?keys=PC&keys=PA&keys=NOPE')).json
  expect(keys.values.map((p: { key: string }) => p.key)).toEqual(['PA', 'PC'])
  const ids = (await admin.get(`/rest/api/3/project/search?id=${pa.id}`)).json
  expect(ids.values.map((p: { key: string }) => p.key)).toEqual(['PA'])
  const names = (
    await admin.get('/rest/api/3/project/search?orderBy=-name&maxResults=100')
  ).json.values.map((p: { name: string }) => p.name.toLowerCase())
  expect(names).toEqual([...names].sort((a: string, b: string) => b.localeCompare(a)))
  const tooMany = await admin.get(
    `/rest/api/3/project/search?${Array.from({ length: 51 }, (_, i) => `keys=K${i}`).join('&')}`,
  )
  expect(tooMany.status).toBe(400)
})

async function allIssueIds(
  jql: string,
  body: Record<string, unknown>,
  method: 'GET' | 'POST',
): Promise<{ ids: string[]; pages: number; sizes: number[] }> {
  const ids: string[] = []
  const sizes: number[] = []
  let token: string | undefined
  do {
    const res =
      method === 'POST'
        ? await admin.post('/rest/api/3/search/jql', {
            jql,
            ...body,
            ...(token ? { nextPageToken: token } : {}),
          })
        : await admin.get(
            `/rest/api/3/search/jql?${new URLSearchParams({ jql, ...(body as Record<string, string>), ...(token ? { nextPageToken: token } : {}) })}`,
          )
    expect(res.status).toBe(200)
    expect(res.json).not.toHaveProperty('total')
    ids.push(...res.json.issues.map((i: { id: string }) => i.id))
    sizes.push(res.json.issues.length)
    expect(res.json.isLast).toBe(res.json.nextPageToken === undefined)
    token = res.json.nextPageToken
  } while (token)
  return { ids, pages: sizes.length, sizes }
}

test('search/jql pages to the end with nextPageToken, every issue once, newest first by default', async () => {
  const expected = sandbox.store
    .issues()
    .filter((i) => ['PA', 'PB'].includes(i.projectKey))
    .map((i) => i.id)
  const { ids, sizes } = await allIssueIds('project in (PA, PB)', { maxResults: 700 }, 'POST')
  expect(ids).toHaveLength(expected.length)
  expect(new Set(ids)).toEqual(new Set(expected))
  expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => b - a))
  expect(sizes.slice(0, -1).every((s) => s === 700)).toBe(true)
})

test('search/jql caps a page at 5000 for ids only and at 100 with fields', async () => {
  const idsOnly = await allIssueIds('project in (PA, PB, PC, PD)', { maxResults: 10000 }, 'POST')
  expect(idsOnly.sizes[0]).toBe(5000)
  expect(idsOnly.ids.length).toBeGreaterThan(5000)
  const withFields = (
    await admin.post('/rest/api/3/search/jql', {
      jql: 'project = PA',
      fields: ['summary'],
      maxResults: 1000,
    })
  ).json
  expect(withFields.issues).toHaveLength(100)
  const keyOnly = (
    await admin.post('/rest/api/3/search/jql', {
      jql: 'project = PA',
      fields: ['key'],
      maxResults: 1000,
    })
  ).json
  expect(keyOnly.issues).toHaveLength(1000)
  expect(keyOnly.issues[0]).toMatchObject({ key: expect.stringMatching(/^PA-\d+$/), fields: {} })
  expect(
    (await admin.post('/rest/api/3/search/jql', { jql: 'project = PA' })).json.issues,
  ).toHaveLength(50)
})

test('GET search/jql pages the same way as POST', async () => {
  const get = await allIssueIds(
    'project = PC ORDER BY key ASC',
    { maxResults: '300', fields: 'key' },
    'GET',
  )
  const post = await allIssueIds(
    'project = PC ORDER BY key ASC',
    { maxResults: 300, fields: ['key'] },
    'POST',
  )
  expect(get.ids).toEqual(post.ids)
  expect(get.pages).toBeGreaterThan(1)
})

test('a bad or foreign nextPageToken is a 400', async () => {
  const first = (
    await admin.post('/rest/api/3/search/jql', { jql: 'project = PA', maxResults: 10 })
  ).json
  expect(first.nextPageToken).toEqual(expect.any(String))
  const garbage = await admin.post('/rest/api/3/search/jql', {
    jql: 'project = PA',
    nextPageToken: 'not-a-token',
  })
  expect(garbage.status).toBe(400)
  expect(garbage.json.errorMessages).toHaveLength(1)
  const foreign = await admin.post('/rest/api/3/search/jql', {
    jql: 'project = PB',
    nextPageToken: first.nextPageToken,
  })
  expect(foreign.status).toBe(400)
  const good = await admin.post('/rest/api/3/search/jql', {
    jql: 'project = PA',
    maxResults: 10,
    nextPageToken: first.nextPageToken,
  })
  expect(good.status).toBe(200)
})

test('bulkfetch takes at most 100 ids or keys', async () => {
  const ids = sandbox.store
    .issues()
    .slice(0, 101)
    .map((i) => i.id)
  expect(
    (await admin.post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ids.slice(0, 100) })).json
      .issues,
  ).toHaveLength(100)
  const over = await admin.post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ids })
  expect(over.status).toBe(400)
  expect(over.json.errorMessages).toHaveLength(1)
  expect((await admin.post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [] })).status).toBe(400)
  expect((await admin.post('/rest/api/3/issue/bulkfetch', '{"issueIdsOrKeys": [')).status).toBe(400)
})
