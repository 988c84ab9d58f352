// The sandbox's HTTP server: logs each Jira request, applies faults and latency, checks credentials
// (site or gateway), dispatches to a route and writes the reply. `/_sandbox/` goes to the control API.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { JqlEngine } from '../jql/jql-engine.js'
import type { SandboxStore } from '../store.js'
import type { RequestLogEntry } from '../types.js'
import { authenticate, type Credentials } from './auth.js'
import type { ControlApi } from './control-api.js'
import type { FaultDecision, FaultRegistry } from './fault-registry.js'
import {
  gatewayUnauthorized,
  jiraError,
  json,
  rateLimitPage,
  siteUnauthorized,
  text,
  JSON_TYPE,
  type Reply,
} from './reply.js'
import { findRoute } from './router.js'

export interface JiraServerDeps {
  store: SandboxStore
  engine: JqlEngine
  faults: FaultRegistry
  log: RequestLogEntry[]
  cloudId: string
  control: ControlApi
}

export interface RunningServer {
  url: string
  close(): Promise<void>
}

const GATEWAY = /^\/ex\/jira\/([^/]+)(\/.*)?$/
const MAX_BODY = 10 * 1024 * 1024

export async function startJiraServer(
  deps: JiraServerDeps,
  host: string,
  port: number,
): Promise<RunningServer> {
  const sockets = new Set<Socket>()
  const closing = new AbortController()
  let siteUrl = ''
  let requestCounter = 0
  const services = {
    store: deps.store,
    engine: deps.engine,
    cloudId: deps.cloudId,
    siteUrl: () => siteUrl,
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[jira-sandbox]', error)
      if (!res.headersSent) writeReply(res, jiraError(500, ['Internal server error']))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Rounded up, so that `at + durationMs` of one request never overlaps the arrival of the next.
    const at = new Date(Math.ceil(wallClock()))
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
      return deps.control.handle(req, res, url, await readBody(req))
    }
    const method = (req.method ?? 'GET').toUpperCase()
    const raw = await readBody(req)
    const gateway = GATEWAY.exec(url.pathname)
    const jiraPath = gateway ? (gateway[2] ?? '/') : url.pathname
    const credentials = authenticate(
      req.headers.authorization,
      deps.store.accountRegistry,
      gateway !== null,
    )
    const { body, invalid } = parseBody(raw)
    const entry: RequestLogEntry = {
      at,
      method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      ...(body !== undefined || invalid ? { body: invalid ? raw : body } : {}),
      ...(credentials.claimedEmail ? { account: credentials.claimedEmail } : {}),
      status: 0,
      durationMs: 0,
      ...(gateway ? { viaGateway: true } : {}),
    }
    deps.log.push(entry)
    const finish = (status: number) => {
      entry.status = status
      entry.durationMs = Math.max(0, wallClock() - at.getTime())
    }

    const decision: FaultDecision = deps.faults.decide(
      method,
      gateway ? [url.pathname, jiraPath] : [url.pathname],
    )
    if (decision.latencyMs > 0 && !(await sleep(decision.latencyMs, closing.signal))) return
    const fault = decision.fault
    if (fault?.kind === 'hang') return
    if (fault?.kind === 'reset') {
      req.socket.destroy()
      return finish(0)
    }
    let reply: Reply
    if (fault?.kind === 'status') reply = statusFault(fault)
    else if (fault?.kind === 'unauthorized')
      reply = gateway ? gatewayUnauthorized() : siteUnauthorized()
    else reply = dispatch(method, url, jiraPath, gateway, credentials, body, invalid)
    if (fault?.kind === 'malformed') reply = malformed(reply)
    const headers: Record<string, string> = {
      'x-arequestid': (++requestCounter).toString(16).padStart(8, '0'),
      'cache-control': 'no-cache, no-store, no-transform',
    }
    if (credentials.outcome.kind === 'account')
      headers['x-aaccountid'] = credentials.outcome.account.accountId
    writeReply(res, { ...reply, headers: { ...headers, ...reply.headers } })
    finish(reply.status)
  }

  function dispatch(
    method: string,
    url: URL,
    path: string,
    gateway: RegExpExecArray | null,
    credentials: Credentials,
    body: unknown,
    invalid: boolean,
  ): Reply {
    if (gateway && gateway[1] !== deps.cloudId)
      return json(404, { code: 404, message: 'Not Found' })
    const isRest = path.startsWith('/rest/')
    if (isRest && credentials.outcome.kind === 'rejected')
      return gateway ? gatewayUnauthorized() : siteUnauthorized()
    const match = findRoute(method, path)
    if (!match || (gateway && 'route' in match && match.route.auth === 'none')) {
      return isRest
        ? jiraError(404, [`null for uri: ${siteUrl}${path}`])
        : text(
            404,
            '<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>',
            'text/html;charset=UTF-8',
          )
    }
    if ('allowed' in match)
      return { status: 405, headers: { allow: match.allowed.join(',') }, body: '' }
    const { route, params } = match
    let account = null
    if (route.auth !== 'none') {
      if (credentials.outcome.kind === 'rejected')
        return gateway ? gatewayUnauthorized() : siteUnauthorized()
      if (credentials.outcome.kind === 'account') account = credentials.outcome.account
      else if (route.auth === 'required') return siteUnauthorized()
    }
    const links = { api: gateway ? `${siteUrl}/ex/jira/${deps.cloudId}` : siteUrl, site: siteUrl }
    return route.handle(
      { method, path, query: url.searchParams, body, bodyInvalid: invalid, account, links, params },
      services,
    )
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  siteUrl = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`

  return {
    url: siteUrl,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort()
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}

function statusFault(fault: {
  status: number
  retryAfter?: number
  body?: string
  contentType?: string
}): Reply {
  const headers: Record<string, string> = {}
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter)
  if (fault.body !== undefined) {
    headers['content-type'] =
      fault.contentType ?? (looksLikeJson(fault.body) ? JSON_TYPE : 'text/plain;charset=UTF-8')
    return { status: fault.status, headers, body: fault.body }
  }
  // Jira's 429 can be an HTML page: clients must not depend on a JSON body.
  if (fault.status === 429)
    return {
      status: 429,
      headers: { ...headers, 'content-type': fault.contentType ?? 'text/html;charset=UTF-8' },
      body: rateLimitPage(),
    }
  const reply = jiraError(fault.status, [STATUS_CODES[fault.status] ?? 'Error'])
  return { ...reply, headers: { ...reply.headers, ...headers } }
}

/** A 200 whose JSON stops half-way, as a cut connection or a broken proxy would deliver. */
function malformed(reply: Reply): Reply {
  const body =
    typeof reply.body === 'string' && reply.body.length > 1
      ? reply.body
      : '{"issues":[{"id":"10001"},'
  return {
    status: 200,
    headers: { 'content-type': JSON_TYPE },
    body: body.slice(0, Math.max(1, Math.floor(body.length / 2))),
  }
}

function writeReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers ?? {})
  res.end(reply.body ?? '')
}

function parseBody(raw: string): { body: unknown; invalid: boolean } {
  if (raw.trim() === '') return { body: undefined, invalid: false }
  try {
    return { body: JSON.parse(raw) as unknown, invalid: false }
  } catch {
    return { body: undefined, invalid: true }
  }
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body)
    return true
  } catch {
    return false
  }
}

function queryRecord(params: URLSearchParams): Record<string, string[]> {
  const record: Record<string, string[]> = {}
  for (const [name, value] of params) (record[name] ??= []).push(value)
  return record
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) break
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Real time with sub-millisecond precision. */
function wallClock(): number {
  return performance.timeOrigin + performance.now()
}

/** Resolves true after `ms`, or false as soon as the sandbox closes. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
