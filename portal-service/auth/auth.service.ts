// Signing in and out, and changing one's password.
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import type { Database } from '../db/database.js'
import { ApiError } from '../http/errors.js'
import { decoyPasswordHash, hashPassword, verifyPassword } from '../users/password.js'
import * as userRepository from '../users/user.repository.js'
import { normalizeEmail, toUserView, type UserView } from '../users/user.service.js'
import { recordAttempt, secondsUntilAllowed } from './login-throttle.js'
import * as sessionRepository from './session.repository.js'
import { endSession, startSession } from './session.service.js'

export interface SignInInput {
  email: string
  password: string
  ip: string
  userAgent: string | null
  /** The session the client already holds, if any: it ends, and a new one starts. */
  previousSessionIdHash: string | null
}

/**
 * Checks the credentials and starts a session.
 * @throws ApiError 429 `too_many_attempts` (with `Retry-After`) while throttled; 401
 *   `invalid_credentials`, the same for an unknown email and a wrong password.
 */
export async function signIn(
  db: Kysely<Database>,
  clock: Clock,
  input: SignInInput,
): Promise<{ token: string; idHash: string; user: UserView }> {
  const email = normalizeEmail(input.email)
  const wait = await secondsUntilAllowed(db, clock, email, input.ip)
  if (wait > 0) throw throttled(wait)
  const user = await userRepository.findUserByEmail(db, email)
  // Unknown emails still pay for a hash, so timing does not tell which emails exist.
  const valid = await verifyPassword(
    input.password,
    user?.passwordHash ?? (await decoyPasswordHash()),
  )
  await recordAttempt(db, clock, { email, ip: input.ip, succeeded: Boolean(user && valid) })
  if (!user || !valid) {
    throw new ApiError(401, 'invalid_credentials', 'The email or password is incorrect.')
  }
  if (input.previousSessionIdHash) await endSession(db, input.previousSessionIdHash)
  const session = await startSession(db, clock, user.id, input.userAgent)
  return { token: session.token, idHash: session.idHash, user: toUserView(user) }
}

function throttled(wait: number): ApiError {
  return new ApiError(
    429,
    'too_many_attempts',
    'Too many failed attempts. Try again later.',
    { retryAfterSeconds: wait },
    { 'Retry-After': String(wait) },
  )
}

/**
 * Replaces the password and signs the user out of every other session. Wrong current passwords
 * count as failed sign-ins, so a stolen session cannot be used to guess the password.
 * @throws ApiError 422 `wrong_password` if `currentPassword` is not theirs; 429 while throttled.
 */
export async function changePassword(
  db: Kysely<Database>,
  clock: Clock,
  input: {
    userId: string
    currentPassword: string
    newPassword: string
    ip: string
    keepSessionIdHash?: string | undefined
  },
): Promise<void> {
  const user = await userRepository.findUserById(db, input.userId)
  if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in again.')
  const wait = await secondsUntilAllowed(db, clock, user.email, input.ip)
  if (wait > 0) throw throttled(wait)
  const valid = await verifyPassword(input.currentPassword, user.passwordHash)
  await recordAttempt(db, clock, { email: user.email, ip: input.ip, succeeded: valid })
  if (!valid) throw new ApiError(422, 'wrong_password', 'The current password is incorrect.')
  const passwordHash = await hashPassword(input.newPassword)
  await db.transaction().execute(async (trx) => {
    await userRepository.updateUser(trx, user.id, {
      passwordHash,
      updatedAt: clock.now().toISOString(),
    })
    await sessionRepository.deleteSessionsOfUser(trx, user.id, input.keepSessionIdHash)
  })
}
