/**
 * @module
 * The web trigger's replay guard: request ids seen inside the signature window, one KVS key each,
 * written with FAIL_IF_EXISTS so two concurrent invocations carrying the same id cannot both win,
 * and a TTL so the store empties itself once the window has closed.
 */
import { ForgeKvsAPIError, kvs } from '@forge/kvs'
import type { ReplayGuard } from '../../shared/contract/signing.js'

const KEY_PREFIX = 'seen-request:'

/** A `ReplayGuard` over KVS; `now` returns unix seconds. */
export function kvsReplayGuard(now: () => number = () => Math.floor(Date.now() / 1000)): ReplayGuard {
  return async (requestId, expiresAt) => {
    // Keep the id until its window closes, plus a minute for clock drift between KVS and us.
    const seconds = Math.max(1, expiresAt - now()) + 60
    try {
      await kvs.set(KEY_PREFIX + requestId, expiresAt, {
        ttl: { value: seconds, unit: 'SECONDS' },
        keyPolicy: 'FAIL_IF_EXISTS',
      })
      return true
    } catch (error) {
      // KVS answers an existing key under FAIL_IF_EXISTS with 409 (KEY_CONFLICT).
      if (error instanceof ForgeKvsAPIError && error.responseDetails.status === 409) return false
      throw error
    }
  }
}
