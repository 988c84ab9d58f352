// Notices to the tracked epics they may have changed; unlinked work maps to nothing.
import type { ChangeNotice } from '../../shared/events/change-notice.js'
import { epicsForNotices, noticedIssueIds } from './notice-targets.js'

const tracked = new Set(['100', '200'])
const notice = (issueId: string, overrides: Partial<ChangeNotice> = {}): ChangeNotice => ({
  issueId,
  issueKey: `MOB-${issueId}`,
  parentId: null,
  previousParentId: null,
  projectId: '10000',
  projectKey: 'MOB',
  event: 'updated',
  at: '2026-11-25T10:00:00.000Z',
  ...overrides,
})

test('a linked epic that changed is re-read', () => {
  expect(epicsForNotices([notice('100')], tracked, new Map())).toEqual(['100'])
  expect(epicsForNotices([notice('200', { event: 'deleted' })], tracked, new Map())).toEqual([
    '200',
  ])
})

test('a child of a linked epic re-reads its epic', () => {
  expect(epicsForNotices([notice('5', { parentId: '200' })], tracked, new Map())).toEqual(['200'])
  expect(
    epicsForNotices([notice('6', { parentId: '100', event: 'created' })], tracked, new Map()),
  ).toEqual(['100'])
})

test('a child that moved between epics re-reads both, from the changelog or from what we hold', () => {
  expect(
    epicsForNotices(
      [notice('5', { parentId: '200', previousParentId: '100' })],
      tracked,
      new Map(),
    ),
  ).toEqual(['100', '200'])
  expect(
    epicsForNotices([notice('5', { parentId: '200' })], tracked, new Map([['5', '100']])),
  ).toEqual(['100', '200'])
  // Moved to an unlinked epic, lost its parent, or was deleted: its old epic loses it.
  expect(
    epicsForNotices([notice('5', { parentId: '999' })], tracked, new Map([['5', '100']])),
  ).toEqual(['100'])
  expect(
    epicsForNotices([notice('5', { event: 'deleted' })], tracked, new Map([['5', '200']])),
  ).toEqual(['200'])
})

test('unlinked work maps to nothing', () => {
  const unlinked = [
    notice('7'),
    notice('8', { parentId: '999' }),
    notice('9', { parentId: '999', previousParentId: '998' }),
  ]
  expect(epicsForNotices(unlinked, tracked, new Map([['7', '555']]))).toEqual([])
  expect(epicsForNotices([], tracked, new Map())).toEqual([])
})

test('a burst of many notices names each epic once', () => {
  const burst = Array.from({ length: 200 }, (_, i) =>
    notice(String(1000 + i), { parentId: i % 2 ? '100' : '200' }),
  )
  expect(epicsForNotices(burst, tracked, new Map())).toEqual(['100', '200'])
  expect(noticedIssueIds([...burst, ...burst])).toHaveLength(200)
})
