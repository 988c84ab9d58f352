// Login throttling: too many failures for one email, or from one address, pause sign-in.
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { newId } from '../db/ids.js'
import * as attemptRepository from './login-attempt.repository.js'

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000
/** Failures for one email within the window before it is paused. */
export const MAX_EMAIL_FAILURES = 5
/** Failures from one address within the window (many emails: password spraying). */
export const MAX_IP_FAILURES = 20
// Attempts older than this serve no window and are deleted.
const RETENTION_MS = 24 * 60 * 60 * 1000

/**
 * Seconds until the next attempt is allowed, or 0 if it is allowed now. A success for the email
 * clears its failures; failures from an address only age out.
 */
export async function secondsUntilAllowed(
  db: Kysely<Database>,
  clock: Clock,
  email: string,
  ip: string,
): Promise<number> {
  const now = clock.now().getTime()
  const windowStart = new Date(now - THROTTLE_WINDOW_MS).toISOString()
  const lastSuccess = await attemptRepository.lastEmailSuccess(db, email)
  const emailSince = lastSuccess && lastSuccess > windowStart ? lastSuccess : windowStart
  const emailFailures = await attemptRepository.recentFailures(db, { email }, emailSince, MAX_EMAIL_FAILURES)
  const ipFailures = await attemptRepository.recentFailures(db, { ip }, windowStart, MAX_IP_FAILURES)
  // Allowed again once the oldest of the last `max` failures leaves the window.
  const waitFor = (failures: string[], max: number) =>
    failures.length < max ? 0 : Date.parse(failures[max - 1]!) + THROTTLE_WINDOW_MS - now
  const waitMs = Math.max(
    waitFor(emailFailures, MAX_EMAIL_FAILURES),
    waitFor(ipFailures, MAX_IP_FAILURES),
  )
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0
}

export async function recordAttempt(
  db: Kysely<Database>,
  clock: Clock,
  attempt: { email: string; ip: string; succeeded: boolean },
): Promise<void> {
  const now = clock.now()
  await attemptRepository.insertLoginAttempt(db, {
    id: newId(),
    at: now.toISOString(),
    email: attempt.email.slice(0, 320),
    ip: attempt.ip,
    succeeded: attempt.succeeded ? 1 : 0,
  })
  await attemptRepository.deleteAttemptsBefore(
    db,
    new Date(now.getTime() - RETENTION_MS).toISOString(),
  )
}
