// Changes since a date: scope moved by links and by Jira, work done only while linked.
import { summarizeChanges, type IntervalFigures } from './changes.js'
import type { Figures } from './forecast.js'

const figures = (todo: number, inProgress: number, done: number, pointsDone = 0, pointsTotal = 0): Figures => ({ todo, inProgress, done, pointsInProgress: 0, pointsDone, pointsTotal })
const since = '2026-11-18T00:00:00.000Z'
const interval = (over: Partial<IntervalFigures> & Pick<IntervalFigures, 'jiraIssueId' | 'key'>): IntervalFigures => ({
  linkedAt: '2026-10-01T00:00:00.000Z',
  unlinkedAt: null,
  start: null,
  countedAtSince: true,
  end: null,
  ...over,
})

test('work done, scope grown, an epic linked with work done and one unlinked', () => {
  const intervals = [
    // Linked throughout: 2 more done, 1 child added.
    interval({ jiraIssueId: '1', key: 'MOB-1', start: figures(6, 2, 2, 5, 30), end: figures(5, 2, 4, 11, 33) }),
    // Linked on the 20th with 8 of 10 done; one more done since.
    interval({ jiraIssueId: '2', key: 'MOB-2', linkedAt: '2026-11-20T10:00:00.000Z', countedAtSince: false, start: figures(2, 0, 8, 16, 20), end: figures(1, 0, 9, 18, 20) }),
    // Unlinked on the 22nd: one done while linked, then its 5 children left the scope.
    interval({ jiraIssueId: '3', key: 'WEB-3', unlinkedAt: '2026-11-22T10:00:00.000Z', start: figures(3, 1, 0), end: figures(2, 1, 1) }),
  ]
  expect(summarizeChanges(intervals, since, '2026-11-18', 'count')).toEqual({
    since: '2026-11-18',
    basis: 'count',
    scopeAdded: 1 + 10,
    scopeRemoved: 4,
    doneAdded: 2 + 1 + 1,
    epicsLinked: ['MOB-2'],
    epicsUnlinked: ['WEB-3'],
    epics: [
      { id: '1', key: 'MOB-1', scopeDelta: 1, doneDelta: 2 },
      { id: '2', key: 'MOB-2', scopeDelta: 10, doneDelta: 1 },
      { id: '3', key: 'WEB-3', scopeDelta: -4, doneDelta: 1 },
    ],
  })
  expect(summarizeChanges(intervals, since, '2026-11-18', 'points')).toMatchObject({ scopeAdded: 3 + 20, scopeRemoved: 0, doneAdded: 6 + 2 + 0 })
})

test('an epic unlinked and linked again is one epic; never read means no figures to move', () => {
  const intervals = [
    interval({ jiraIssueId: '1', key: 'MOB-1', unlinkedAt: '2026-11-19T00:00:00.000Z', start: figures(4, 0, 1), end: figures(4, 0, 1) }),
    interval({ jiraIssueId: '1', key: 'MOB-1', linkedAt: '2026-11-21T00:00:00.000Z', countedAtSince: false, start: figures(3, 0, 2), end: figures(2, 0, 3) }),
    interval({ jiraIssueId: '9', key: 'OPS-9', linkedAt: '2026-11-23T00:00:00.000Z', countedAtSince: false }),
  ]
  expect(summarizeChanges(intervals, since, '2026-11-18', 'count')).toEqual({
    since: '2026-11-18',
    basis: 'count',
    scopeAdded: 0,
    scopeRemoved: 0,
    doneAdded: 1,
    epicsLinked: ['MOB-1', 'OPS-9'],
    epicsUnlinked: ['MOB-1'],
    epics: [
      { id: '1', key: 'MOB-1', scopeDelta: 0, doneDelta: 1 },
      { id: '9', key: 'OPS-9', scopeDelta: 0, doneDelta: 0 },
    ],
  })
})
