/**
 * @module
 * How the Forge app delivers change notices to the portal (DESIGN.md, "Freshness: events are
 * hints"): a batch of notices (shared/events) as JSON, signed with the installation's shared
 * secret exactly as the portal signs its requests to the app (signing.ts: HMAC-SHA256 over
 * timestamp, request id and body; 5-minute window; the request id remembered against replays),
 * plus a key id: the secret's fingerprint, which tells the portal whose secret to check the
 * signature with. The key id is a lookup hint only; the MAC decides.
 */
import { z } from 'zod'
import { changeNoticeBatchSchema, type ChangeNotice } from '../events/change-notice.js'
import { secretFingerprint } from './secret.js'
import { signRequest, type SignedHeaders, type SignOptions } from './signing.js'

export const KEY_ID_HEADER = 'X-PB-Key-Id'

/** A key id is the 12 hex digits `secretFingerprint` gives. */
export const keyIdSchema = z.string().regex(/^[0-9a-f]{12}$/, 'a key id is 12 lower-case hex digits')

/** The delivery body: the shared batch schema (at most 100 notices). */
export const noticeDeliverySchema = changeNoticeBatchSchema

export type NoticeDeliveryHeaders = SignedHeaders & { [KEY_ID_HEADER]: string; 'Content-Type': string }

export interface NoticeDelivery {
  /** Send exactly these bytes: the signature covers them. */
  body: string
  headers: NoticeDeliveryHeaders
}

/** Signs one batch for the portal; a fresh request id each call, so a retry is a new delivery. */
export async function signNoticeDelivery(
  secret: string,
  notices: readonly ChangeNotice[],
  options: SignOptions = {},
): Promise<NoticeDelivery> {
  const body = JSON.stringify(noticeDeliverySchema.parse({ notices }))
  const signed = await signRequest(secret, body, options)
  return {
    body,
    headers: { ...signed, [KEY_ID_HEADER]: await secretFingerprint(secret), 'Content-Type': 'application/json' },
  }
}
