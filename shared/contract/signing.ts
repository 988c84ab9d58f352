/**
 * @module
 * Request signing between the portal and the Forge app's web trigger (DESIGN.md, "Two ways to
 * reach Jira"): HMAC-SHA256 with the shared secret, a 5-minute window either way, and a request
 * id the receiver remembers for that window so a captured request cannot be replayed. Runs in
 * Node and in the Forge runtime alike: only `crypto.subtle` and `TextEncoder`.
 */

export const TIMESTAMP_HEADER = 'X-PB-Timestamp'
export const SIGNATURE_HEADER = 'X-PB-Signature'
export const REQUEST_ID_HEADER = 'X-PB-Request-Id'

/** How far a timestamp may be from the receiver's clock, in seconds, in either direction. */
export const SIGNATURE_WINDOW_SECONDS = 300

const SIGNATURE_PREFIX = 'v1='
const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{16,128}$/
const TIMESTAMP_PATTERN = /^\d{1,12}$/
const HEX_SHA256_PATTERN = /^[0-9a-f]{64}$/

/** A type alias rather than an interface so it fits any `Record<string, string>` of headers. */
export type SignedHeaders = {
  [TIMESTAMP_HEADER]: string
  [SIGNATURE_HEADER]: string
  [REQUEST_ID_HEADER]: string
}

/** Why a request was refused; `missing` also covers a header that is present but unusable. */
export type VerifyFailure = 'missing' | 'stale' | 'bad_signature' | 'replayed'

export type VerifyResult =
  | { ok: true; timestamp: number; requestId: string }
  | { ok: false; reason: VerifyFailure }

/**
 * Remembers request ids. Answers `true` the first time it sees `requestId`, `false` after;
 * it must keep the id at least until `expiresAt` (unix seconds), when the window closes on it.
 */
export type ReplayGuard = (requestId: string, expiresAt: number) => Promise<boolean>

/** Header sources we accept: fetch `Headers`, Forge's `Record<string, string[]>`, or plain strings. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>

export interface SignOptions {
  /** Milliseconds since the epoch; defaults to `Date.now()`. */
  now?: number
  /** Defaults to a random UUID; must match `[A-Za-z0-9_-]{16,128}`. */
  requestId?: string
}

export interface VerifyOptions {
  headers: HeaderSource
  /** The raw body exactly as received (before any JSON parsing). */
  body: string
  /** The shared secret, loaded only once the cheap checks have passed. */
  secret: () => Promise<string | undefined>
  replayGuard: ReplayGuard
  /** Milliseconds since the epoch; defaults to `Date.now()`. */
  now?: number
}

const encoder = new TextEncoder()

/**
 * What is signed: timestamp, request id and body joined by dots. The request id is inside the
 * MAC, or an attacker could replay a captured body with a fresh id and pass the replay check.
 */
export function signingInput(timestamp: string, requestId: string, body: string): string {
  return `${timestamp}.${requestId}.${body}`
}

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage])
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

/**
 * Signs `body` for sending: returns the three headers to add to the request. The body must be
 * sent byte for byte as signed.
 */
export async function signRequest(secret: string, body: string, options: SignOptions = {}): Promise<SignedHeaders> {
  const timestamp = String(Math.floor((options.now ?? Date.now()) / 1000))
  const requestId = options.requestId ?? crypto.randomUUID()
  if (!REQUEST_ID_PATTERN.test(requestId)) throw new Error('A request id must be 16 to 128 of [A-Za-z0-9_-]')
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(signingInput(timestamp, requestId, body)))
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `${SIGNATURE_PREFIX}${toHex(mac)}`,
    [REQUEST_ID_HEADER]: requestId,
  }
}

/**
 * One header's value, matched case-insensitively. A header given more than once counts as
 * absent: two timestamps or two signatures leave it ambiguous which one was checked.
 */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined
  const wanted = name.toLowerCase()
  const found: string[] = []
  for (const [key, value] of Object.entries(headers as Readonly<Record<string, unknown>>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue
    if (typeof value === 'string') found.push(value)
    else if (Array.isArray(value)) found.push(...value.filter((item): item is string => typeof item === 'string'))
  }
  return found.length === 1 ? found[0] : undefined
}

/**
 * Checks a received request, cheapest first: headers present and well-formed, timestamp inside
 * the window, then the MAC (constant time, through `crypto.subtle.verify`), and only for an
 * authentic request the replay guard, so forged requests cannot fill the guard's store. A
 * missing secret (none configured yet) fails as `bad_signature`: nothing can be authentic.
 */
export async function verifyRequest(options: VerifyOptions): Promise<VerifyResult> {
  const timestamp = headerValue(options.headers, TIMESTAMP_HEADER)?.trim()
  const signature = headerValue(options.headers, SIGNATURE_HEADER)?.trim()
  const requestId = headerValue(options.headers, REQUEST_ID_HEADER)?.trim()
  if (!timestamp || !signature || !requestId) return { ok: false, reason: 'missing' }
  if (!TIMESTAMP_PATTERN.test(timestamp) || !REQUEST_ID_PATTERN.test(requestId)) return { ok: false, reason: 'missing' }

  const sentAt = Number(timestamp)
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000)
  if (Math.abs(nowSeconds - sentAt) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale' }

  const hex = signature.startsWith(SIGNATURE_PREFIX) ? signature.slice(SIGNATURE_PREFIX.length).toLowerCase() : ''
  if (!HEX_SHA256_PATTERN.test(hex)) return { ok: false, reason: 'bad_signature' }
  const secret = await options.secret()
  if (!secret) return { ok: false, reason: 'bad_signature' }
  const authentic = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret, 'verify'),
    fromHex(hex),
    encoder.encode(signingInput(timestamp, requestId, options.body)),
  )
  if (!authentic) return { ok: false, reason: 'bad_signature' }

  const fresh = await options.replayGuard(requestId, sentAt + SIGNATURE_WINDOW_SECONDS)
  if (!fresh) return { ok: false, reason: 'replayed' }
  return { ok: true, timestamp: sentAt, requestId }
}
