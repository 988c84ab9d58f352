// CSRF tokens derived from the session: nothing extra is stored, and they die with the session.
import { constantTimeEqual, deriveKey, hmac } from './key-derivation.js'

export const CSRF_HEADER = 'X-CSRF-Token'
export const CSRF_FORM_FIELD = '_csrf'

/** HMAC of the session id's hash under a key derived for CSRF only. */
export function csrfTokenFor(secretKey: Buffer, sessionIdHash: string): string {
  return hmac(deriveKey(secretKey, 'csrf'), sessionIdHash)
}

export function isValidCsrfToken(
  secretKey: Buffer,
  sessionIdHash: string,
  candidate: string,
): boolean {
  return constantTimeEqual(csrfTokenFor(secretKey, sessionIdHash), candidate)
}
