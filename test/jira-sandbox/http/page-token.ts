// Opaque `nextPageToken`s: the offset of the next page, the clock reading relative dates use (so all
// pages of one search agree) and a check that the token belongs to this query and caller.
import { hash32 } from '../model/random.js'

export interface PageToken {
  offset: number
  now: number
}

export function encodePageToken(token: PageToken, jql: string, caller: string): string {
  const payload = JSON.stringify({ o: token.offset, n: token.now, h: hash32(`${caller}|${jql}`) })
  return Buffer.from(payload, 'utf8').toString('base64url')
}

/** undefined when the token is not one this query was given. */
export function decodePageToken(text: string, jql: string, caller: string): PageToken | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      o?: unknown
      n?: unknown
      h?: unknown
    }
    if (typeof value.o !== 'number' || typeof value.n !== 'number' || value.o < 0) return undefined
    if (value.h !== hash32(`${caller}|${jql}`)) return undefined
    return { offset: value.o, now: value.n }
  } catch {
    return undefined
  }
}
