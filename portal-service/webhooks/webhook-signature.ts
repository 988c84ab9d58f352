/**
 * @module
 * Jira's admin-webhook signature (WebSub style): `X-Hub-Signature: sha256=<hex>`, the HMAC-SHA256
 * of the raw body keyed with the webhook's secret. Checked on the bytes as received, before any
 * parsing, and compared in constant time so that timing tells a forger nothing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

const HEADER = /^sha256=([0-9a-fA-F]{64})$/

/** The header value Jira would send for `body` (the sandbox and tests sign with it). */
export function signBody(secret: string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

/**
 * True when `header` is `sha256=` followed by the HMAC of `body` under `secret`. A missing or
 * malformed header is false; other algorithms are refused (Jira Cloud signs with SHA-256).
 */
export function verifySignature(
  secret: string,
  body: Uint8Array,
  header: string | undefined,
): boolean {
  const provided = HEADER.exec(header?.trim() ?? '')?.[1]
  if (!provided) return false
  const expected = createHmac('sha256', secret).update(body).digest()
  return timingSafeEqual(expected, Buffer.from(provided, 'hex'))
}
