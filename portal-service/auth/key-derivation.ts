// Keys derived from the server's secret key (see secrets/secret-key.ts), one per purpose.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'

/** A separate key per purpose (`csrf`, later `jira-credentials`), so no two uses share one. */
export function deriveKey(secretKey: Buffer, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', secretKey, Buffer.alloc(0), `portfolio-bridge:${purpose}`, 32),
  )
}

export function hmac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url')
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
