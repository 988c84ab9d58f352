// A clock tests can move: sessions, throttling windows and audit order depend on time.
import type { Clock } from '../../portal-service/clock.js'

export interface TestClock extends Clock {
  /** Moves time forward by `ms`. */
  advance(ms: number): void
  set(at: Date | string): void
}

/**
 * Starts at `start` and ticks 1 ms on every read, so two events never share a timestamp (as
 * with a real clock), while `advance` jumps whole windows.
 */
export function createTestClock(start: Date | string = '2026-11-25T09:00:00.000Z'): TestClock {
  let current = new Date(start).getTime()
  return {
    now: () => new Date(current++),
    advance: (ms) => {
      current += ms
    },
    set: (at) => {
      current = new Date(at).getTime()
    },
  }
}
