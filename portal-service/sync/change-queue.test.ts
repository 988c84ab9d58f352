// The change queue: bursts coalesce into one refresh, unlinked work costs nothing, locks retry.
import type { ChangeNotice } from '../../shared/events/change-notice.js'
import { createLogger } from '../log/logger.js'
import { ChangeQueue, type ChangeQueueOptions } from './change-queue.js'
import type { SyncResult } from './sync-engine.js'

const log = createLogger({ sink: () => undefined })
const done: SyncResult = { status: 'done', runId: 'r', kind: 'epics', outcome: 'ok', calls: 2 }
const notice = (issueId: string, parentId: string | null = null): ChangeNotice => ({
  issueId,
  issueKey: null,
  parentId,
  previousParentId: null,
  projectId: null,
  projectKey: null,
  event: 'updated',
  at: '2026-11-25T10:00:00.000Z',
})
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function queueWith(overrides: Partial<ChangeQueueOptions> = {}) {
  const refreshed: { portfolioId: string; epicIds: readonly string[] }[] = []
  const resolved: (readonly ChangeNotice[] | 'all')[] = []
  const queue = new ChangeQueue({
    // Every notice names its parent as the epic; parents starting with 'x' are not tracked.
    resolve: async (_id, notices) => {
      resolved.push(notices)
      if (notices === 'all') return ['all-1', 'all-2']
      return [
        ...new Set(
          notices.map((n) => n.parentId).filter((p): p is string => !!p && !p.startsWith('x')),
        ),
      ]
    },
    refresh: async (portfolioId, epicIds) => {
      refreshed.push({ portfolioId, epicIds })
      return done
    },
    log,
    debounceMs: 30,
    maxWaitMs: 300,
    retryMs: 20,
    ...overrides,
  })
  return { queue, refreshed, resolved }
}

test('a burst becomes one refresh of the epics it names, after the quiet time', async () => {
  const { queue, refreshed } = queueWith()
  for (let i = 0; i < 200; i++) queue.enqueue('p1', [notice(String(i), `e${i % 20}`)])
  expect(refreshed).toEqual([])
  expect(queue.pendingCount('p1')).toBe(200)
  await queue.idle()
  expect(refreshed).toHaveLength(1)
  expect(refreshed[0]!.epicIds).toHaveLength(20)
})

test('portfolios are read separately', async () => {
  const { queue, refreshed } = queueWith()
  queue.enqueue('p1', [notice('1', 'e1')])
  queue.enqueue('p2', [notice('2', 'e2')])
  await queue.idle()
  expect(refreshed.map((r) => [r.portfolioId, r.epicIds]).sort()).toEqual([
    ['p1', ['e1']],
    ['p2', ['e2']],
  ])
})

test('notices for unlinked work cost no refresh', async () => {
  const { queue, refreshed, resolved } = queueWith()
  queue.enqueue('p1', [notice('1', 'x1'), notice('2')])
  await queue.idle()
  expect(resolved).toHaveLength(1)
  expect(refreshed).toEqual([])
})

test('a steady stream is still read within the longest wait', async () => {
  const { queue, refreshed } = queueWith({ debounceMs: 50, maxWaitMs: 120 })
  const started = Date.now()
  for (let i = 0; i < 12; i++) {
    queue.enqueue('p1', [notice(String(i), 'e1')])
    await sleep(20)
  }
  expect(refreshed.length).toBeGreaterThanOrEqual(1)
  expect(Date.now() - started).toBeGreaterThan(120)
  await queue.idle()
  expect(refreshed.length).toBeLessThanOrEqual(3)
})

test('notices arriving during a refresh form the next burst', async () => {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const { queue, refreshed } = queueWith({
    refresh: async (portfolioId, epicIds) => {
      refreshed.push({ portfolioId, epicIds })
      if (refreshed.length === 1) await gate
      return done
    },
  })
  queue.enqueue('p1', [notice('1', 'e1')])
  await sleep(60)
  expect(refreshed).toHaveLength(1)
  queue.enqueue('p1', [notice('2', 'e2')])
  queue.enqueue('p1', [notice('3', 'e3')])
  await sleep(60)
  expect(refreshed).toHaveLength(1)
  release()
  await queue.idle()
  expect(refreshed.map((r) => r.epicIds)).toEqual([['e1'], ['e2', 'e3']])
})

test('while a sync holds the portfolio, the epics wait and are tried again', async () => {
  let locked = 2
  const { queue, refreshed } = queueWith({
    refresh: async (portfolioId, epicIds) => {
      refreshed.push({ portfolioId, epicIds })
      return locked-- > 0 ? { status: 'skipped', reason: 'locked' } : done
    },
  })
  queue.enqueue('p1', [notice('1', 'e1')])
  await queue.idle()
  expect(refreshed.map((r) => r.epicIds)).toEqual([['e1'], ['e1'], ['e1']])
})

test('a lock that never ends is given up on', async () => {
  const { queue, refreshed } = queueWith({
    maxAttempts: 3,
    refresh: async (portfolioId, epicIds) => {
      refreshed.push({ portfolioId, epicIds })
      return { status: 'skipped', reason: 'locked' }
    },
  })
  queue.enqueue('p1', [notice('1', 'e1')])
  await queue.idle()
  expect(refreshed).toHaveLength(3)
})

test('too many notices refresh every tracked epic, still once', async () => {
  const { queue, refreshed, resolved } = queueWith({ maxNotices: 10 })
  for (let i = 0; i < 25; i++) queue.enqueue('p1', [notice(String(i), 'e1')])
  await queue.idle()
  expect(resolved).toEqual(['all'])
  expect(refreshed.map((r) => r.epicIds)).toEqual([['all-1', 'all-2']])
})

test('a failing refresh is logged and does not stop the queue', async () => {
  let fail = true
  const { queue, refreshed } = queueWith({
    refresh: async (portfolioId, epicIds) => {
      refreshed.push({ portfolioId, epicIds })
      if (fail) {
        fail = false
        throw new Error('database gone')
      }
      return done
    },
  })
  queue.enqueue('p1', [notice('1', 'e1')])
  await queue.idle()
  queue.enqueue('p1', [notice('2', 'e2')])
  await queue.idle()
  expect(refreshed.map((r) => r.epicIds)).toEqual([['e1'], ['e2']])
})

test('stop drops what waits and refuses more', async () => {
  const { queue, refreshed } = queueWith({ debounceMs: 1000 })
  queue.enqueue('p1', [notice('1', 'e1')])
  await queue.stop()
  queue.enqueue('p1', [notice('2', 'e2')])
  await queue.idle()
  await sleep(50)
  expect(refreshed).toEqual([])
})
