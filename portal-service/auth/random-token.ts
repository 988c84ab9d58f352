// Unguessable bearer values (session cookies, access tokens) and the hashes we store instead.
import { createHash, randomBytes } from 'node:crypto'

/** 256 random bits, URL-safe, with an optional prefix that lets secret scanners spot it. */
export function newRandomToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}

/**
 * SHA-256 in hex. A plain hash suffices (no salt, no scrypt): the input has 256 random bits,
 * so it cannot be guessed, and a fast hash keeps per-request lookups cheap.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}
