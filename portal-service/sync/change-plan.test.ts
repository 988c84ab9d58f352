// What changed issues mean for tracked epics: updates, new and moved children, removals.
import type { ChangedIssue } from '../../shared/jira/records.js'
import { jiraInstant, latestById, planChanges } from './change-plan.js'

function issue(id: string, overrides: Partial<ChangedIssue> = {}): ChangedIssue {
  return {
    id,
    key: `MOB-${id}`,
    hierarchyLevel: 0,
    parentId: null,
    projectId: '10000',
    projectKey: 'MOB',
    summary: `Issue ${id}`,
    status: { name: 'To Do', category: 'new' },
    assignee: null,
    storyPoints: null,
    updated: '2026-11-25T10:00:00.000+0000',
    ...overrides,
  }
}

const tracked = new Set(['1', '2'])

test('a tracked epic that changed is updated and recomputed', () => {
  const plan = planChanges([issue('1', { hierarchyLevel: 1, status: { name: 'Done', category: 'done' } })], tracked, new Map())
  expect(plan.epicUpdates.map((i) => i.id)).toEqual(['1'])
  expect([...plan.affectedEpicIds]).toEqual(['1'])
  expect(plan.childUpserts).toEqual([])
})

test('a new or changed child of a tracked epic is upserted', () => {
  const plan = planChanges(
    [issue('10', { parentId: '1', status: { name: 'Done', category: 'done' }, storyPoints: 3 })],
    tracked,
    new Map(),
  )
  expect(plan.childUpserts).toEqual([{ id: '10', key: 'MOB-10', epicId: '1', statusCategory: 'done', storyPoints: 3 }])
  expect([...plan.affectedEpicIds]).toEqual(['1'])
})

test('a child moved between tracked epics counts for the new one and leaves the old', () => {
  const plan = planChanges([issue('10', { parentId: '2' })], tracked, new Map([['10', '1']]))
  expect(plan.childUpserts.map((c) => c.epicId)).toEqual(['2'])
  expect(plan.childRemovals).toEqual([])
  expect([...plan.affectedEpicIds].sort()).toEqual(['1', '2'])
})

test('a child moved to an untracked epic, unparented or made a sub-task is removed', () => {
  const plan = planChanges(
    [issue('10', { parentId: '99' }), issue('11', { parentId: null }), issue('12', { parentId: '2', hierarchyLevel: -1 })],
    tracked,
    new Map([
      ['10', '1'],
      ['11', '1'],
      ['12', '2'],
    ]),
  )
  expect(plan.childRemovals.sort()).toEqual(['10', '11', '12'])
  expect(plan.childUpserts).toEqual([])
  expect([...plan.affectedEpicIds].sort()).toEqual(['1', '2'])
})

test('changes to work that is not tracked cost nothing', () => {
  const plan = planChanges([issue('50', { parentId: '99' }), issue('51', { hierarchyLevel: 1 })], tracked, new Map())
  expect(plan).toEqual({ epicUpdates: [], childUpserts: [], childRemovals: [], affectedEpicIds: new Set() })
})

test('the same issue in overlapping pages counts once, as its latest version', () => {
  const older = issue('10', { parentId: '1', status: { name: 'In Progress', category: 'indeterminate' }, updated: '2026-11-25T10:00:00.000+0000' })
  const newer = issue('10', { parentId: '1', status: { name: 'Done', category: 'done' }, updated: '2026-11-25T10:05:00.000+0000' })
  expect(latestById([newer, older])).toEqual([newer])
  const plan = planChanges([older, newer, older], tracked, new Map())
  expect(plan.childUpserts).toHaveLength(1)
  expect(plan.childUpserts[0]?.statusCategory).toBe('done')
})

test('Jira time stamps compare as instants across offsets', () => {
  expect(jiraInstant('2026-11-25T10:00:00.000+0100')).toBe(Date.parse('2026-11-25T09:00:00Z'))
  expect(jiraInstant('2026-11-25T10:00:00.000+0000')).toBeGreaterThan(jiraInstant('2026-11-25T10:30:00.000+0100'))
  expect(jiraInstant(null)).toBe(Number.NEGATIVE_INFINITY)
  expect(jiraInstant('garbage')).toBe(Number.NEGATIVE_INFINITY)
})
