// Full or incremental: first read, periodic reconcile, long gaps, and the overlapping window.
import { decideSyncMode, DEFAULT_SYNC_MODE_POLICY } from './sync-mode.js'

const at = (iso: string) => new Date(iso)
const now = at('2026-11-25T12:00:00Z')

test('the first sync reads everything', () => {
  expect(decideSyncMode({ lastSyncStartedAt: null, lastFullSyncAt: null }, now)).toEqual({ mode: 'full', reason: 'first read' })
})

test('a requested full read is honoured', () => {
  const history = { lastSyncStartedAt: at('2026-11-25T11:55:00Z'), lastFullSyncAt: at('2026-11-25T11:00:00Z') }
  expect(decideSyncMode(history, now, DEFAULT_SYNC_MODE_POLICY, 'full').mode).toBe('full')
})

test('after the last sync 10 minutes ago, reads the last 12 minutes (2 of overlap)', () => {
  const history = { lastSyncStartedAt: at('2026-11-25T11:50:00Z'), lastFullSyncAt: at('2026-11-25T09:00:00Z') }
  expect(decideSyncMode(history, now)).toEqual({ mode: 'incremental', sinceMinutes: 12 })
})

test('partial minutes round up so nothing falls between windows', () => {
  const history = { lastSyncStartedAt: at('2026-11-25T11:59:30Z'), lastFullSyncAt: at('2026-11-25T11:00:00Z') }
  expect(decideSyncMode(history, now)).toEqual({ mode: 'incremental', sinceMinutes: 3 })
})

test('reconciles in full every six hours', () => {
  const history = { lastSyncStartedAt: at('2026-11-25T11:50:00Z'), lastFullSyncAt: at('2026-11-25T06:00:00Z') }
  expect(decideSyncMode(history, now)).toEqual({ mode: 'full', reason: 'periodic reconcile' })
})

test('reads in full after a gap of a day', () => {
  const history = { lastSyncStartedAt: at('2026-11-24T11:00:00Z'), lastFullSyncAt: at('2026-11-25T10:00:00Z') }
  expect(decideSyncMode(history, now).mode).toBe('full')
})

test('a clock that went backwards still reads the overlap', () => {
  const history = { lastSyncStartedAt: at('2026-11-25T12:05:00Z'), lastFullSyncAt: at('2026-11-25T11:00:00Z') }
  expect(decideSyncMode(history, now)).toEqual({ mode: 'incremental', sinceMinutes: 2 })
})
