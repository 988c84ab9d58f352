/**
 * @module
 * Sends a batch of change notices to the portal's delivery URL, signed with the installation's
 * shared secret (shared/contract/notice-delivery.ts). Events are hints and the portal's schedule
 * catches whatever is lost, so a failure is logged, tried once more on a transient fault, and
 * then dropped: a product event invocation never fails because the portal is away.
 */
import { fetch } from '@forge/api'
import type { ChangeNotice } from '../../shared/events/change-notice.js'
import { signNoticeDelivery } from '../../shared/contract/notice-delivery.js'

/**
 * `delivered`: the portal took it (or already had it); `gone`: no connection of the portal uses
 * this secret any more (410), so forwarding should stop; `refused`: the portal refused it for
 * good (a wrong secret, a body it would not read); `failed`: it could not be delivered now.
 */
export type ForwardOutcome = 'delivered' | 'gone' | 'refused' | 'failed'

export interface ForwardTarget {
  url: string
  secret: string
}

/** Short: the portal answers at once and reads Jira later. */
const ATTEMPT_TIMEOUT_MS = 8_000
const RETRY_DELAY_MS = 500

function transient(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500
}

async function attempt(target: ForwardTarget, notices: readonly ChangeNotice[]): Promise<number> {
  // Signed afresh each attempt: a new request id, so the portal's replay guard does not take a retry for a replay.
  const delivery = await signNoticeDelivery(target.secret, notices)
  const response = await fetch(target.url, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
  })
  // Nothing in the answer is needed beyond its status; drain it so the connection is freed.
  await response.text().catch(() => '')
  return response.status
}

export async function forwardNotices(target: ForwardTarget, notices: readonly ChangeNotice[]): Promise<ForwardOutcome> {
  let reason = ''
  for (let tries = 1; tries <= 2; tries++) {
    try {
      const status = await attempt(target, notices)
      if (status >= 200 && status < 300) return 'delivered'
      if (status === 410) return 'gone'
      reason = `HTTP ${status}`
      if (!transient(status)) break
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error)
    }
    if (tries === 1) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS))
  }
  // Shows in `forge logs`: why a portal shows "events stopped".
  console.warn(`Could not forward ${notices.length} change notice(s) to the portal: ${reason}`)
  return reason.startsWith('HTTP ') && !transient(Number(reason.slice(5))) ? 'refused' : 'failed'
}
