// At the sizes the benchmarks need (200,000 issues, 5,000 extra projects) the sandbox starts in
// seconds and answers indexed queries quickly. Bounds are loose: they catch full scans, not noise.
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { client } from './jira-fetch.js'

let sandbox: JiraSandbox
let admin: ReturnType<typeof client>
let startMs: number

beforeAll(async () => {
  const started = performance.now()
  sandbox = await startJiraSandbox({
    dataset: { projects: 40, epicsPerProject: 250, childrenPerEpic: 19, extraProjects: 5000 },
  })
  startMs = performance.now() - started
  admin = client(sandbox.url, sandbox.accounts.admin)
}, 60_000)
afterAll(() => sandbox.close())

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}

test('200,000 issues and 5,040 projects load in a few seconds', () => {
  expect(sandbox.store.live.size).toBe(200_000)
  expect(sandbox.store.projectRegistry.size).toBe(5040)
  expect(startMs).toBeLessThan(8000)
})

test('parent in (50 epics) is answered from the parent index', async () => {
  const epics = sandbox.store.epics('PT').slice(0, 50)
  const [res, ms] = await timed(() =>
    admin.post('/rest/api/3/search/jql', {
      jql: `parent in (${epics.map((e) => e.key).join(',')})`,
      fields: ['status'],
      maxResults: 100,
    }),
  )
  expect(res.status).toBe(200)
  expect(res.json.issues).toHaveLength(100)
  expect(ms).toBeLessThan(300)
})

test('key in, id in and project in are answered from indexes', async () => {
  const some = Array.from({ length: 100 }, (_, i) => sandbox.store.issue(String(10001 + i * 997))!)
  for (const jql of [
    `key in (${some.map((i) => i.key).join(',')})`,
    `id in (${some.map((i) => i.id).join(',')})`,
  ]) {
    const [res, ms] = await timed(() =>
      admin.post('/rest/api/3/search/jql', { jql, maxResults: 100 }),
    )
    expect(res.json.issues).toHaveLength(100)
    expect(ms).toBeLessThan(300)
  }
  const [res, ms] = await timed(() =>
    admin.post('/rest/api/3/search/jql', {
      jql: 'project in (PA, PB) AND statusCategory != done',
      maxResults: 5000,
    }),
  )
  expect(res.json.issues.length).toBeGreaterThan(1000)
  expect(ms).toBeLessThan(500)
})

test('the project picker searches 5,040 projects quickly', async () => {
  const [res, ms] = await timed(() =>
    admin.get('/rest/api/3/project/search?query=falcon&maxResults=50&orderBy=name'),
  )
  expect(res.json.total).toBeGreaterThan(10)
  expect(ms).toBeLessThan(300)
})
