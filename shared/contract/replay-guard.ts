/**
 * @module
 * An in-memory `ReplayGuard` for a single process (the portal receiving forwarded Forge events,
 * tests, local runs). The Forge app keeps its own in KVS, since its invocations share no memory.
 */
import type { ReplayGuard } from './signing.js'

/** `now` returns unix seconds; entries are dropped once their window has closed. */
export function createMemoryReplayGuard(now: () => number = () => Math.floor(Date.now() / 1000)): ReplayGuard {
  const seen = new Map<string, number>()
  return async (requestId, expiresAt) => {
    const current = now()
    for (const [id, expiry] of seen) if (expiry < current) seen.delete(id)
    if (seen.has(requestId)) return false
    seen.set(requestId, expiresAt)
    return true
  }
}
