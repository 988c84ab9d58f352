// The shape every Jira route shares: the request as handlers see it and what they can reach.
import type { JqlEngine } from '../jql/jql-engine.js'
import type { Links } from '../render/links.js'
import type { SandboxStore } from '../store.js'
import type { SandboxAccount } from '../types.js'
import type { Reply } from './reply.js'

export interface JiraRequest {
  method: string
  /** The Jira path, without any gateway prefix. */
  path: string
  query: URLSearchParams
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown
  /** A body was sent but is not JSON. */
  bodyInvalid: boolean
  /** null when anonymous. */
  account: SandboxAccount | null
  links: Links
  /** Capture groups of the route's path pattern. */
  params: string[]
}

export interface Services {
  store: SandboxStore
  engine: JqlEngine
  cloudId: string
  siteUrl(): string
}

export interface Route {
  methods: readonly string[]
  pattern: RegExp
  /** 'required': anonymous callers get 401; 'optional': anonymous allowed; 'none': credentials ignored. */
  auth: 'required' | 'optional' | 'none'
  handle(request: JiraRequest, services: Services): Reply
}

/** Integer query or body value, or the default when absent or not a number. */
export function intParam(value: unknown, fallback: number): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN
  return Number.isFinite(n) ? Math.trunc(n) : fallback
}
