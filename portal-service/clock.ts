// The portal's one source of "now", injected so tests can move time (sessions, throttling).

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** ISO-8601 UTC text, the form every timestamp column stores (it sorts as text on both databases). */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString()
}
