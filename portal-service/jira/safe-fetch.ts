/**
 * @module
 * The portal's HTTP client for Jira sites typed by users. It checks every address a host
 * resolves to at connection time (so DNS rebinding cannot slip past a check made earlier),
 * follows redirects only within the same origin (a redirect must never carry the token to
 * another host), and caps the size of an answer.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import type { JiraResponse } from '../../shared/jira/requester.js'
import { isPublicAddress } from './site-address.js'

/** The host resolves to, or is, an address inside a private network. */
export class UnsafeAddressError extends Error {
  readonly code = 'EUNSAFEADDRESS'
  constructor(readonly host: string) {
    super(`${host} points inside a private network; only public Jira sites can be connected`)
    this.name = 'UnsafeAddressError'
  }
}

/** The site answered with a redirect to another origin. */
export class SiteRedirectError extends Error {
  readonly code = 'ESITEREDIRECT'
  constructor(readonly location: string) {
    super(`The site redirects to ${location}`)
    this.name = 'SiteRedirectError'
  }
}

export interface SafeFetchOptions {
  /** Allow http:// and private addresses (the demo and tests run the Jira sandbox on loopback). */
  allowInsecure: boolean
  maxRedirects?: number
  maxBodyBytes?: number
}

function safeLookup(allowInsecure: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      const usable = allowInsecure ? addresses : addresses.filter((a) => isPublicAddress(a.address))
      // One inward address among several is enough to refuse: a resolver may rotate them.
      if (usable.length === 0 || usable.length !== addresses.length) {
        return callback(new UnsafeAddressError(hostname), '', 0)
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable)
      callback(null, usable[0]!.address, usable[0]!.family)
    })
  }
}

/** A Jira response whose body can also be read as bytes (images such as project avatars). */
export interface SafeResponse extends JiraResponse {
  bytes(): Promise<Uint8Array>
}

export type SafeFetch = (url: string, init: RequestInit) => Promise<SafeResponse>

function toResponse(message: IncomingMessage, body: Buffer): SafeResponse {
  return {
    status: message.statusCode ?? 0,
    headers: {
      get(name: string) {
        const value = message.headers[name.toLowerCase()]
        return Array.isArray(value) ? value.join(', ') : (value ?? null)
      },
    },
    text: async () => body.toString('utf8'),
    bytes: async () => new Uint8Array(body),
  }
}

export function createSafeFetch(options: SafeFetchOptions): SafeFetch {
  const maxRedirects = options.maxRedirects ?? 3
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024
  const lookup = safeLookup(options.allowInsecure)
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: 16 }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
  }

  const once = (url: URL, init: RequestInit): Promise<{ message: IncomingMessage; body: Buffer }> =>
    new Promise((resolve, reject) => {
      if (url.protocol !== 'https:' && !(options.allowInsecure && url.protocol === 'http:')) {
        return reject(new UnsafeAddressError(url.host))
      }
      const literal = url.hostname.replace(/^\[|\]$/g, '')
      if (!options.allowInsecure && isIP(literal) && !isPublicAddress(literal)) {
        return reject(new UnsafeAddressError(url.hostname))
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest
      const request = send(url, {
        method: init.method ?? 'GET',
        headers: init.headers as Record<string, string>,
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup,
      })
      const signal = init.signal
      const onAbort = () => request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
      if (signal?.aborted) return onAbort()
      signal?.addEventListener('abort', onAbort, { once: true })
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort)
        reject(error)
      })
      request.on('response', (message) => {
        const chunks: Buffer[] = []
        let size = 0
        let refused = false
        message.on('data', (chunk: Buffer) => {
          if (refused) return
          size += chunk.length
          if (size > maxBodyBytes) {
            refused = true
            signal?.removeEventListener('abort', onAbort)
            reject(Object.assign(new Error('The answer is too large'), { code: 'EBODYTOOLARGE' }))
            message.destroy()
            return
          }
          chunks.push(chunk)
        })
        message.on('error', reject)
        message.on('end', () => {
          signal?.removeEventListener('abort', onAbort)
          if (!refused) resolve({ message, body: Buffer.concat(chunks) })
        })
      })
      request.end(typeof init.body === 'string' ? init.body : undefined)
    })

  return async (input, init) => {
    let url = new URL(input)
    for (let hop = 0; ; hop++) {
      const { message, body } = await once(url, init)
      const status = message.statusCode ?? 0
      const location = message.headers.location
      if (status < 300 || status >= 400 || !location) return toResponse(message, body)
      const next = new URL(location, url)
      if (next.origin !== url.origin) throw new SiteRedirectError(next.origin)
      if (hop >= maxRedirects) return toResponse(message, body)
      url = next
    }
  }
}
