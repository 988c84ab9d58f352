/**
 * @module
 * Where the encryption key comes from: `PORTAL_SECRET_KEY` (32 bytes, base64 or hex), or a key
 * file created on first start with mode 0600 so that only the portal's user can read it.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SecretKeyError'
  }
}

/** Decodes a 32-byte key written as 64 hex digits or base64; throws naming what is wrong. */
export function decodeSecretKey(text: string, source: string): Uint8Array {
  const trimmed = text.trim()
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (bytes.length !== 32) {
    throw new SecretKeyError(`${source} must hold a 32-byte key as 64 hex digits or base64 (got ${bytes.length} bytes)`)
  }
  return new Uint8Array(bytes)
}

export interface SecretKeySource {
  /** PORTAL_SECRET_KEY, when set. */
  key?: string | undefined
  /** PORTAL_SECRET_KEY_FILE: read, or created on first start. */
  file: string
}

export function loadSecretKey(source: SecretKeySource): { key: Uint8Array; origin: 'env' | 'file' | 'created' } {
  if (source.key) return { key: decodeSecretKey(source.key, 'PORTAL_SECRET_KEY'), origin: 'env' }
  if (existsSync(source.file)) {
    const mode = statSync(source.file).mode & 0o777
    if (mode & 0o077) chmodSync(source.file, 0o600)
    return { key: decodeSecretKey(readFileSync(source.file, 'utf8'), source.file), origin: 'file' }
  }
  mkdirSync(dirname(source.file), { recursive: true })
  const key = randomBytes(32)
  // `wx`: never overwrite a key another instance wrote a moment ago.
  writeFileSync(source.file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  return { key: new Uint8Array(key), origin: 'created' }
}
