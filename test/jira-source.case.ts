/**
 * @module
 * What every `JiraSource` must answer for the same Jira data, written once (STYLE.md, item 11):
 * projects, site facts, epics, children, changes, and the progress computed from them, each
 * checked against the sandbox's own store. test/forge/jira-sources.test.ts runs it for the
 * API-token source and for the Forge source, and compares the two answer for answer.
 */
import type { JiraSource } from '../portal-service/jira/jira-source.js'
import type { Page } from '../shared/jira/reader.js'
import type { ChildRecord } from '../shared/jira/records.js'
import { computeEpicProgress } from '../shared/progress/progress.js'
import type { JiraSandbox, SandboxProject } from './jira-sandbox/index.js'
import { truthOf } from './support/jira-truth.js'

export interface SourceUnderTest {
  sandbox: JiraSandbox
  /** The projects the source may read (the Forge app's allow-list); more exist on the site. */
  projects: SandboxProject[]
  source(): JiraSource
  close(): Promise<void>
}

/** Every page of a cursor-paged reading. */
export async function allPages<T>(read: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = []
  let cursor: string | null = null
  do {
    const page = await read(cursor)
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => Number(a.id) - Number(b.id))

export function runJiraSourceCases(name: string, start: () => Promise<SourceUnderTest>): void {
  describe(`JiraSource over the sandbox: ${name}`, () => {
    let s: SourceUnderTest
    let keys: string[]
    beforeAll(async () => {
      s = await start()
      keys = s.projects.map((p) => p.key)
    }, 60_000)
    afterAll(() => s.close())

    const epicsOfProjects = () => s.projects.flatMap((p) => s.sandbox.store.epics(p.key))

    test('projects by id and by key, as Jira names them', async () => {
      const source = s.source()
      const expected = s.projects.map(({ id, key, name, style }) => ({ id, key, name, style }))
      const strip = (list: { id: string; key: string; name: string; style: string | null; avatarUrl: string | null }[]) =>
        byId(list).map(({ id, key, name, style }) => ({ id, key, name, style }))
      expect(strip(await source.projects(s.projects.map((p) => p.id)))).toEqual(byId(expected))
      expect(strip(await source.projectsByKeys(keys))).toEqual(byId(expected))
      for (const project of await source.projects(s.projects.map((p) => p.id))) expect(project.avatarUrl).toMatch(/^http/)
      const searched = await source.searchProjects({ query: keys[0]!.toLowerCase() })
      expect(searched.projects.map((p) => p.key)).toContain(keys[0])
    })

    test('site facts: the story-points fields and the epic issue types', async () => {
      const facts = await s.source().siteFacts()
      expect([...facts.storyPointsFieldIds].sort()).toEqual([...s.sandbox.store.storyPointsFieldIds()].sort())
      expect(facts.epicTypeIds.length).toBeGreaterThan(0)
    })

    test('epic search finds every epic of the projects, page after page', async () => {
      const source = s.source()
      const found = await allPages((cursor) => source.searchEpics({ projectKeys: keys, cursor, maxResults: 40 }))
      expect(found.map((e) => e.key).sort()).toEqual(epicsOfProjects().map((e) => e.key).sort())
      const target = epicsOfProjects()[3]!
      expect((await source.searchEpics({ projectKeys: keys, query: target.key.toLowerCase() })).items.map((e) => e.key)).toEqual([target.key])
    })

    test('epics by id and key carry what the portal shows', async () => {
      const epics = epicsOfProjects()
      const source = s.source()
      const read = await source.epics(epics.map((e) => e.id))
      expect(read).toHaveLength(epics.length)
      // By key too; keys Jira does not know are left out.
      expect((await source.epics([epics[1]!.key, 'NOSUCH-999999'])).map((e) => e.id)).toEqual([epics[1]!.id])
      for (const epic of read) {
        const truth = s.sandbox.store.issue(epic.id)!
        expect(epic).toMatchObject({
          key: truth.key,
          summary: truth.summary,
          status: { name: truth.status, category: truth.statusCategory },
          projectId: truth.projectId,
          projectKey: truth.projectKey,
          hierarchyLevel: 1,
        })
      }
    })

    test('children of many epics at once, sub-tasks left out, with their points', async () => {
      const source = s.source()
      const epics = epicsOfProjects()
      const children = await allPages((cursor) => source.children({ epicIds: epics.map((e) => e.id), cursor }))
      const expected = epics.flatMap((e) => s.sandbox.store.children(e.id)).filter((c) => c.hierarchyLevel === 0)
      expect(children.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort())
      for (const child of children) {
        const truth = s.sandbox.store.issue(child.id)!
        expect(child).toEqual({ id: truth.id, key: truth.key, epicId: truth.parentId, statusCategory: truth.statusCategory, storyPoints: truth.storyPoints })
      }
    })

    test('progress computed from the children matches what Jira holds, for every epic', async () => {
      const source = s.source()
      const facts = await source.siteFacts()
      const epics = await source.epics(epicsOfProjects().map((e) => e.id))
      const children = await allPages((cursor) => source.children({ epicIds: epics.map((e) => e.id), cursor }))
      const byEpic = new Map<string, ChildRecord[]>()
      for (const child of children) byEpic.set(child.epicId, [...(byEpic.get(child.epicId) ?? []), child])
      for (const epic of epics) {
        const progress = computeEpicProgress({ epicStatusCategory: epic.status.category, children: byEpic.get(epic.id) ?? [], hasStoryPoints: facts.storyPointsFieldIds.length > 0 })
        const truth = truthOf(s.sandbox, epic.id)
        expect({ key: epic.key, children: progress.children, done: progress.points?.done, total: progress.points?.total, unestimated: progress.points?.unestimated }).toEqual({
          key: epic.key,
          children: truth.children,
          done: truth.pointsDone,
          total: truth.pointsTotal,
          unestimated: truth.unestimated,
        })
      }
    })

    test('changes: every issue of the projects over a long window, and a fresh change in a short one', async () => {
      const source = s.source()
      const all = await allPages((cursor) => source.changes({ projectKeys: keys, sinceMinutes: 60 * 24 * 365 * 3, cursor }))
      const expected = s.sandbox.store.issues().filter((i) => keys.includes(i.projectKey))
      expect(all.map((i) => i.id).sort()).toEqual(expected.map((i) => i.id).sort())
      const child = expected.find((i) => i.hierarchyLevel === 0 && i.parentId)!
      s.sandbox.store.updateIssue(child.id, { summary: `${child.summary} (changed)` })
      s.sandbox.store.flushSearchIndex()
      const recent = await allPages((cursor) => source.changes({ projectKeys: keys, sinceMinutes: 5, cursor }))
      expect(recent.find((i) => i.id === child.id)).toMatchObject({ summary: `${child.summary} (changed)`, parentId: child.parentId, projectKey: child.projectKey })
    })
  })
}
