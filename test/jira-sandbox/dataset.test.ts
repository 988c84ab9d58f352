// The generated site: identical for the same seed and spec, and modelled like a real one
// (project styles, scoped types, hierarchy levels, empty epics, sub-tasks, story-point fields).
import { startJiraSandbox, type JiraSandbox } from './index.js'
import { client } from './jira-fetch.js'

const clock = () => new Date('2026-11-25T10:00:00Z')

async function snapshot(sandbox: JiraSandbox) {
  const admin = client(sandbox.url, sandbox.accounts.admin)
  const search = await admin.post('/rest/api/3/search/jql', {
    jql: 'updated >= -3650d ORDER BY key',
    fields: ['*all'],
    maxResults: 100,
  })
  const projects = await admin.get('/rest/api/3/project/search')
  return {
    cloudId: sandbox.cloudId,
    issues: sandbox.store.issues(),
    projects: sandbox.store.projects(),
    search: search.text.replaceAll(sandbox.url, 'SITE'),
    projectSearch: projects.text.replaceAll(sandbox.url, 'SITE'),
  }
}

test('the same seed and spec give identical data; another seed does not', async () => {
  const spec = { projects: 4, epicsPerProject: 5, subtasksPerChild: 1 }
  const [a, b, c] = await Promise.all([
    startJiraSandbox({ seed: 42, dataset: spec, clock }),
    startJiraSandbox({ seed: 42, dataset: spec, clock }),
    startJiraSandbox({ seed: 43, dataset: spec, clock }),
  ])
  try {
    const [sa, sb, sc] = await Promise.all([snapshot(a), snapshot(b), snapshot(c)])
    expect(sb).toEqual(sa)
    expect(sa.issues.length).toBeGreaterThan(20)
    expect(sc.issues.map((i) => [i.summary, i.status, i.storyPoints])).not.toEqual(
      sa.issues.map((i) => [i.summary, i.status, i.storyPoints]),
    )
    expect(sc.cloudId).not.toBe(sa.cloudId)
  } finally {
    await Promise.all([a.close(), b.close(), c.close()])
  }
})

describe('the default dataset', () => {
  let sandbox: JiraSandbox
  beforeAll(async () => {
    sandbox = await startJiraSandbox({ clock, dataset: { subtasksPerChild: 2 } })
  })
  afterAll(() => sandbox.close())

  test('three projects, every second one team-managed with its own types', () => {
    const projects = sandbox.store.projects()
    expect(projects.map((p) => [p.key, p.style, p.simplified])).toEqual([
      ['PA', 'classic', false],
      ['PB', 'next-gen', true],
      ['PC', 'classic', false],
    ])
    const typeIds = (key: string) =>
      new Set(
        sandbox.store
          .issues()
          .filter((i) => i.projectKey === key)
          .map((i) => i.issueTypeId),
      )
    const shared = [...typeIds('PA')].filter((id) => typeIds('PC').has(id))
    expect(shared.length).toBeGreaterThan(0)
    expect([...typeIds('PB')].some((id) => typeIds('PA').has(id))).toBe(false)
  })

  test('four epics per project, some without children; children at level 0, sub-tasks at -1', () => {
    const epics = sandbox.store.epics()
    expect(epics).toHaveLength(12)
    expect(epics.every((e) => e.hierarchyLevel === 1 && e.parentId === null)).toBe(true)
    const childCounts = epics.map((e) => sandbox.store.children(e.key).length)
    expect(childCounts.filter((n) => n === 0).length).toBeGreaterThanOrEqual(1)
    expect(Math.max(...childCounts)).toBeLessThanOrEqual(8)
    for (const epic of epics) {
      for (const child of sandbox.store.children(epic.key)) {
        expect(child.hierarchyLevel).toBe(0)
        expect(child.projectKey).toBe(epic.projectKey)
        const subtasks = sandbox.store.children(child.key)
        expect(subtasks).toHaveLength(2)
        expect(
          subtasks.every(
            (s) => s.hierarchyLevel === -1 && s.type === 'subtask' && s.storyPoints === null,
          ),
        ).toBe(true)
      }
    }
  })

  test('ids are numeric strings from 10001, keys KEY-N numbered per project', () => {
    const issues = sandbox.store.issues()
    expect(issues[0]!.id).toBe('10001')
    expect(
      issues.every((i) => /^\d+$/.test(i.id) && new RegExp(`^${i.projectKey}-\\d+$`).test(i.key)),
    ).toBe(true)
    const paNumbers = issues
      .filter((i) => i.projectKey === 'PA')
      .map((i) => Number(i.key.split('-')[1]))
    expect(paNumbers).toEqual(paNumbers.map((_, i) => i + 1))
  })

  test('most children carry estimates, some none; statuses span all three categories', () => {
    const children = sandbox.store.issues().filter((i) => i.hierarchyLevel === 0)
    const estimated = children.filter((c) => c.storyPoints !== null)
    expect(estimated.length).toBeGreaterThan(children.length / 2)
    expect(estimated.length).toBeLessThan(children.length)
    expect(new Set(children.map((c) => c.statusCategory))).toEqual(
      new Set(['new', 'indeterminate', 'done']),
    )
  })

  test('stamps lie in the past of the clock, updated never before created', () => {
    for (const issue of sandbox.store.issues()) {
      expect(issue.created.getTime()).toBeLessThanOrEqual(clock().getTime())
      expect(issue.updated.getTime()).toBeGreaterThanOrEqual(issue.created.getTime())
      expect(issue.updated.getTime()).toBeLessThanOrEqual(clock().getTime())
    }
  })
})

test('a children range that allows 0 always includes empty epics, whatever the seed', async () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const sandbox = await startJiraSandbox({ seed, dataset: { projects: 4, epicsPerProject: 1 } })
    try {
      const counts = sandbox.store.epics().map((e) => sandbox.store.children(e.key).length)
      expect(counts, `seed ${seed}`).toContain(0)
    } finally {
      await sandbox.close()
    }
  }
  const none = await startJiraSandbox({ dataset: { childrenPerEpic: [1, 3] } })
  try {
    expect(none.store.epics().every((e) => none.store.children(e.key).length >= 1)).toBe(true)
  } finally {
    await none.close()
  }
})

test('dataset options: sizes, a children rule, no story points, extra projects and demo names', async () => {
  const sandbox = await startJiraSandbox({
    dataset: {
      projects: 2,
      teamManagedEvery: 0,
      epicsPerProject: 3,
      childrenPerEpic: (i) => i,
      storyPoints: false,
      extraProjects: 30,
      names: 'demo',
    },
  })
  try {
    const projects = sandbox.store.projects()
    expect(projects).toHaveLength(32)
    expect(projects.slice(0, 2).map((p) => [p.key, p.name, p.style])).toEqual([
      ['MOB', 'Mobile Banking App', 'classic'],
      ['PORTAL', 'Customer Portal', 'classic'],
    ])
    expect(
      sandbox.store.issues().filter((i) => ['MOB', 'PORTAL'].includes(i.projectKey) === false),
    ).toEqual([])
    expect(sandbox.store.epics().map((e) => sandbox.store.children(e.key).length)).toEqual([
      0, 1, 2, 3, 4, 5,
    ])
    expect(sandbox.store.issues().every((i) => i.storyPoints === null)).toBe(true)
    expect(sandbox.store.storyPointsFieldIds()).toEqual([])
    const fields = (
      await client(sandbox.url, sandbox.accounts.admin).get('/rest/api/3/field')
    ).json.map((f: { id: string }) => f.id)
    expect(fields).not.toContain('customfield_10016')
    expect(fields).not.toContain('customfield_10028')
    expect(sandbox.store.epics()[0]!.summary).toBe('Onboarding flow redesign')
  } finally {
    await sandbox.close()
  }
})
