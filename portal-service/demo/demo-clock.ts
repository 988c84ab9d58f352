// The demo's clock: real time shifted by an offset, so the demo can play twelve weeks of Jira work before it opens.
import type { Clock } from '../clock.js'

/** A clock the demo's history can move forward (the test clock is one too). */
export interface MovableClock extends Clock {
  advance(ms: number): void
}

export interface DemoClock extends MovableClock {
  /** Back to real time: from here on it runs with the wall clock. */
  resume(): void
}

/** Real time `offsetMs` ago (negative: in the past), moving forward as real time does and by `advance`. */
export function createDemoClock(offsetMs = 0): DemoClock {
  let offset = offsetMs
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      // Never past real time: the demo's history ends where the present begins.
      offset = Math.min(0, offset + ms)
    },
    resume: () => {
      offset = 0
    },
  }
}
