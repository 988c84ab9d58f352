// The epic resolvers through the emulated Forge runtime over the sandbox: progress as the portal computes it, epics to link, both inside the allow-list.
import { kvs } from '@forge/kvs'
import { adminResolver } from '../../forge-app/index.js'
import { installForgeRuntime, type ForgeRuntime } from '../../forge-app/local/forge-runtime.js'
import { invokeResolver } from '../../forge-app/local/invoke.js'
import { startJiraSandbox, type JiraSandbox, type SandboxProject } from '../jira-sandbox/index.js'
import { truthOf } from '../support/jira-truth.js'

let sandbox: JiraSandbox
let runtime: ForgeRuntime
let allowed: SandboxProject[]
let other: SandboxProject

beforeAll(async () => {
  sandbox = await startJiraSandbox({ seed: 13, dataset: { projects: 3, epicsPerProject: 4, childrenPerEpic: [0, 60], subtasksPerChild: 1 } })
  allowed = sandbox.store.projects().slice(0, 2)
  other = sandbox.store.projects()[2]!
})
afterAll(() => sandbox.close())

beforeEach(async () => {
  const { admin } = sandbox.accounts
  runtime = installForgeRuntime({ jira: { baseUrl: sandbox.url, email: admin.email, apiToken: admin.token } })
  await kvs.set('allow-list', { projects: allowed.map(({ id, key, name }) => ({ id, key, name })), updatedAt: null, updatedBy: null })
  sandbox.clearRequests()
})
afterEach(() => runtime.uninstall())

const invoke = (key: string, payload: unknown) => invokeResolver(adminResolver, key, payload, { accountId: 'admin-account' }) as Promise<any>

/** The progress object the portal shows, from what the sandbox holds. */
function expectedProgress(epicId: string) {
  const truth = truthOf(sandbox, epicId)
  const epic = sandbox.store.issue(epicId)!
  const pct = (part: number, whole: number) => (whole <= 0 ? null : part >= whole ? 100 : Math.floor((part / whole) * 100 + 1e-9))
  return {
    children: truth.children,
    percentDone: pct(truth.children.done, truth.children.total),
    points: expect.objectContaining({ done: truth.pointsDone, total: truth.pointsTotal, unestimated: truth.unestimated, percentDone: pct(truth.pointsDone, truth.pointsTotal) }),
    doneWithOpenChildren: epic.statusCategory === 'done' && truth.children.done < truth.children.total,
  }
}

describe('getEpicProgress', () => {
  test('answers each epic with the figures Jira holds, counted from its children', async () => {
    const epics = allowed.flatMap((p) => sandbox.store.epics(p.key))
    const answer = await invoke('getEpicProgress', { epicKeys: epics.map((e) => e.key.toLowerCase()) })
    expect(answer.ok).toBe(true)
    expect(answer.data.missing).toEqual([])
    expect(answer.data.notEpics).toEqual([])
    expect(answer.data.epics.map((item: { epic: { key: string } }) => item.epic.key).sort()).toEqual(epics.map((e) => e.key).sort())
    for (const item of answer.data.epics) {
      expect(item.progress).toEqual(expectedProgress(item.epic.id))
      expect(item.readAt).toEqual(expect.any(String))
    }
    // An epic without children shows no percentage (the portal shows its own status instead).
    const empty = answer.data.epics.find((item: { progress: { children: { total: number } } }) => item.progress.children.total === 0)
    if (empty) expect(empty.progress.percentDone).toBeNull()
    // Every call went as the app, and only read.
    expect(runtime.jiraCalls.every((call) => call.as === 'app' || call.path.startsWith('/rest/api/3/mypermissions'))).toBe(true)
    expect(sandbox.writes()).toEqual([])
  })

  test('flags an epic marked Done while children are still open', async () => {
    const epic = sandbox.store.epics(allowed[0]!.key).find((e) => truthOf(sandbox, e.id).children.total > truthOf(sandbox, e.id).children.done)!
    const before = epic.status
    sandbox.store.updateIssue(epic.id, { status: 'Done' })
    try {
      const answer = await invoke('getEpicProgress', { epicKeys: [epic.key] })
      expect(answer.data.epics[0].progress.doneWithOpenChildren).toBe(true)
    } finally {
      sandbox.store.updateIssue(epic.id, { status: before })
    }
  })

  test('an epic of a project not on the allow-list looks like one that does not exist; a story is not an epic', async () => {
    const foreign = sandbox.store.epics(other.key)[0]!
    const story = sandbox.store.issues().find((i) => i.hierarchyLevel === 0 && i.projectKey === allowed[0]!.key)!
    const answer = await invoke('getEpicProgress', { epicKeys: [foreign.key, story.key, `${allowed[0]!.key}-99999`] })
    expect(answer).toEqual({ ok: true, data: { epics: [], missing: [foreign.key, `${allowed[0]!.key}-99999`], notEpics: [story.key] } })
    // Nothing of the other project was searched for.
    const searches = sandbox.requests.filter((r) => r.path === '/rest/api/3/search/jql')
    expect(searches).toEqual([])
  })

  test('refuses a payload outside its schema', async () => {
    for (const payload of [{}, { epicKeys: [] }, { epicKeys: ['not a key'] }, { epicKeys: Array.from({ length: 21 }, (_, i) => `A-${i + 1}`) }]) {
      await expect(invoke('getEpicProgress', payload)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    }
  })
})

describe('listEpics', () => {
  test('lists the epics of every allowed project, or of one, by words of the summary', async () => {
    const all = await invoke('listEpics', {})
    expect(all.data.epics.map((e: { key: string }) => e.key).sort()).toEqual(allowed.flatMap((p) => sandbox.store.epics(p.key)).map((e) => e.key).sort())
    const one = await invoke('listEpics', { projectKey: allowed[1]!.key.toLowerCase() })
    expect(one.data.epics.every((e: { projectKey: string }) => e.projectKey === allowed[1]!.key)).toBe(true)
    const target = sandbox.store.epics(allowed[0]!.key)[1]!
    const word = target.summary.split(' ').find((w) => w.length > 3)!
    const found = await invoke('listEpics', { query: word })
    expect(found.data.epics.map((e: { key: string }) => e.key)).toContain(target.key)
  })

  test('refuses a project that is not on the allow-list', async () => {
    await expect(invoke('listEpics', { projectKey: other.key })).resolves.toMatchObject({ ok: false, error: { code: 'not_allowed' } })
  })

  test('lists nothing while the allow-list is empty', async () => {
    await kvs.set('allow-list', { projects: [], updatedAt: null, updatedBy: null })
    await expect(invoke('listEpics', {})).resolves.toEqual({ ok: true, data: { epics: [], nextCursor: null } })
  })
})
