// `/_sandbox/`: drives a sandbox running in another process (request log, faults, issue changes,
// accounts). Loopback callers only, no Jira credentials, and never logged as Jira traffic.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SandboxStore } from '../store.js'
import type {
  FaultRule,
  NewWebhook,
  RequestLogEntry,
  WebhookControl,
  WebhookFaultRule,
} from '../types.js'
import type { FaultRegistry } from './fault-registry.js'

export interface ControlApi {
  handle(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): void
}

interface ControlDeps {
  store: SandboxStore
  faults: FaultRegistry
  log: RequestLogEntry[]
  writes(): RequestLogEntry[]
  webhooks: WebhookControl
  info(): Record<string, unknown>
}

type Body = Record<string, unknown>
type Handler = (params: string[], body: Body) => [number, unknown?]

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export function createControlApi(deps: ControlDeps): ControlApi {
  const { store, faults, log, webhooks } = deps
  const routes: [string, RegExp, Handler][] = [
    ['GET', /^\/_sandbox\/?$/, () => [200, deps.info()]],
    ['GET', /^\/_sandbox\/requests$/, () => [200, log]],
    ['DELETE', /^\/_sandbox\/requests$/, () => ((log.length = 0), [204])],
    ['GET', /^\/_sandbox\/writes$/, () => [200, deps.writes()]],
    ['POST', /^\/_sandbox\/faults$/, (_p, body) => [201, { id: faults.add(faultFromJson(body)) }]],
    ['DELETE', /^\/_sandbox\/faults$/, () => (faults.clear(), [204])],
    ['DELETE', /^\/_sandbox\/faults\/([^/]+)$/, ([id]) => (faults.remove(id!), [204])],
    [
      'POST',
      /^\/_sandbox\/latency$/,
      (_p, body) => (faults.setLatency(Number(body.ms ?? 0)), [204]),
    ],
    ['POST', /^\/_sandbox\/search-index\/flush$/, () => (store.flushSearchIndex(), [204])],
    ['POST', /^\/_sandbox\/issues$/, (_p, body) => [201, store.createIssue(body as never)]],
    ['GET', /^\/_sandbox\/issues\/([^/]+)$/, ([id]) => found(store.issue(id!))],
    ['PATCH', /^\/_sandbox\/issues\/([^/]+)$/, ([id], body) => [200, store.updateIssue(id!, body)]],
    ['DELETE', /^\/_sandbox\/issues\/([^/]+)$/, ([id]) => (store.deleteIssue(id!), [204])],
    [
      'POST',
      /^\/_sandbox\/issues\/([^/]+)\/move$/,
      ([id], body) => [200, { key: store.moveIssue(id!, String(body.toProjectKey)) }],
    ],
    ['POST', /^\/_sandbox\/accounts$/, (_p, body) => [201, store.addAccount(body as never)]],
    [
      'POST',
      /^\/_sandbox\/accounts\/([^/]+)\/revoke$/,
      ([email]) => (store.revokeToken(email!), [204]),
    ],
    [
      'PUT',
      /^\/_sandbox\/accounts\/([^/]+)\/visible-projects$/,
      ([email], body) => (store.setVisibleProjects(email!, body.visibleProjects as never), [204]),
    ],
    ['POST', /^\/_sandbox\/projects$/, (_p, body) => [201, store.addProject(body as never)]],
    [
      'POST',
      /^\/_sandbox\/projects\/([^/]+)\/rename$/,
      ([key], body) => (store.renameProjectKey(key!, String(body.newKey)), [204]),
    ],
    ['DELETE', /^\/_sandbox\/projects\/([^/]+)$/, ([key]) => (store.deleteProject(key!), [204])],
    // Admin webhooks: the secret is write-only, as on Jira's WebHooks page.
    ['GET', /^\/_sandbox\/webhooks$/, () => [200, webhooks.list().map(withoutSecret)]],
    [
      'POST',
      /^\/_sandbox\/webhooks$/,
      (_p, body) => [201, withoutSecret(webhooks.register(body as unknown as NewWebhook))],
    ],
    ['DELETE', /^\/_sandbox\/webhooks\/([^/]+)$/, ([id]) => (webhooks.remove(id!), [204])],
    ['GET', /^\/_sandbox\/webhook-deliveries$/, () => [200, webhooks.deliveries]],
    ['DELETE', /^\/_sandbox\/webhook-deliveries$/, () => (webhooks.clearDeliveries(), [204])],
    [
      'POST',
      /^\/_sandbox\/webhook-faults$/,
      (_p, body) => [201, { id: webhooks.addFault(body as unknown as WebhookFaultRule) }],
    ],
    ['DELETE', /^\/_sandbox\/webhook-faults$/, () => (webhooks.clearFaults(), [204])],
  ]

  return {
    handle(req, res, url, rawBody) {
      if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
        return send(res, 403, { error: 'The control API answers loopback callers only' })
      const method = (req.method ?? 'GET').toUpperCase()
      let body: Body = {}
      if (rawBody.trim() !== '') {
        try {
          body = JSON.parse(rawBody) as Body
        } catch {
          return send(res, 400, { error: 'The body is not JSON' })
        }
      }
      for (const [routeMethod, pattern, handler] of routes) {
        const match = pattern.exec(url.pathname)
        if (!match || routeMethod !== method) continue
        try {
          const [status, payload] = handler(match.slice(1).map(decodeURIComponent), body)
          return send(res, status, payload)
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          return send(res, /^No (issue|project|account|webhook)/.test(message) ? 404 : 400, {
            error: message,
          })
        }
      }
      send(res, 404, { error: `No control route ${method} ${url.pathname}` })
    },
  }
}

/**
 * JSON cannot carry a RegExp: a fault's `match.path` is a regex when written `{"regex": "...", "flags": "i"}`
 * (what `faultRuleToJson` produces) or given as `match.pathRegex`; a plain string is an exact path.
 */
export function faultFromJson(body: Body): FaultRule {
  const rule = { ...body } as FaultRule
  const written = body.match as { path?: unknown; pathRegex?: unknown; method?: string } | undefined
  if (written) {
    const { pathRegex, path, ...rest } = written
    let pattern: string | RegExp | undefined
    if (typeof pathRegex === 'string') pattern = new RegExp(pathRegex)
    else if (
      path &&
      typeof path === 'object' &&
      typeof (path as { regex?: unknown }).regex === 'string'
    ) {
      const { regex, flags } = path as { regex: string; flags?: string }
      pattern = new RegExp(regex, flags ?? '')
    } else if (typeof path === 'string') pattern = path
    rule.match = { ...rest, ...(pattern === undefined ? {} : { path: pattern }) }
  }
  if (
    !['status', 'latency', 'hang', 'reset', 'malformed', 'unauthorized'].includes(String(rule.kind))
  ) {
    throw new Error(`Unknown fault kind '${String(rule.kind)}'`)
  }
  return rule
}

/** The JSON form of a rule for `POST /_sandbox/faults` (a RegExp path becomes `{regex, flags}`). */
export function faultRuleToJson(rule: FaultRule): Record<string, unknown> {
  const path = rule.match?.path
  if (!(path instanceof RegExp)) return { ...rule }
  return { ...rule, match: { ...rule.match, path: { regex: path.source, flags: path.flags } } }
}

function withoutSecret<T extends { secret: string | null }>(webhook: T) {
  const { secret, ...rest } = webhook
  return { ...rest, hasSecret: secret !== null }
}

function found(value: unknown): [number, unknown] {
  return value === undefined ? [404, { error: 'Not found' }] : [200, value]
}

function send(res: ServerResponse, status: number, payload?: unknown): void {
  if (payload === undefined) {
    res.writeHead(status)
    res.end()
    return
  }
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' })
  res.end(JSON.stringify(payload))
}
