/**
 * @module
 * The Forge app on loopback HTTP, over the emulated platform (forge-runtime.ts): the web trigger
 * answers at `/x1/portal-webtrigger` exactly as Forge would hand it the request (headers as
 * arrays, the raw body), the admin resolvers at `POST /resolver/<name>` with `{"payload": ...}`,
 * and product events at `POST /product-events`, where a Jira (the sandbox) delivers its issue
 * webhooks and the app's trigger gets them as Forge would (product-events.ts). Used by `npm run forge:local` and by the tests that run the portal's Forge
 * mode end to end, so portal -> web trigger -> reader -> Jira runs in one place.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import type { IssueEventOutcome } from '../events/handle-issue-event.js'
import { adminResolver, handleIssueEvent, handlePortalRequest } from '../index.js'
import { PORTAL_WEB_TRIGGER_KEY } from '../web-trigger/module-keys.js'
import { installForgeRuntime, type ForgeRuntime, type JiraTarget } from './forge-runtime.js'
import { invokeResolver, webTriggerEvent } from './invoke.js'
import type { MemoryKvs } from './memory-kvs.js'
import { productEventFromWebhook } from './product-events.js'

export interface LocalForgeServerOptions {
  /** The Jira `requestJira` reaches as the app. */
  jira: JiraTarget
  /** The Jira account resolvers' `asUser()` calls run as (an admin); defaults to `jira`'s. */
  user?: JiraTarget
  /** The site's cloud id, handed to the web trigger as its install context. */
  cloudId?: string | null
  kvs?: MemoryKvs
  host?: string
  /** 0 (default) picks a free port. */
  port?: number
}

export interface ProductEventRecord {
  eventType: string
  issueKey: string | null
  outcome: IssueEventOutcome
}

export interface LocalForgeServer {
  url: string
  webTriggerUrl: string
  /** Where a Jira webhook (events created, updated, deleted; no JQL) delivers the site's issue events. */
  productEventsUrl: string
  /** What the trigger made of each product event, in order. */
  productEvents: ProductEventRecord[]
  /** Resolves when no product event is being handled. */
  productEventsIdle(): Promise<void>
  runtime: ForgeRuntime
  close(): Promise<void>
}

/** Bodies above this are refused, as Forge refuses large web trigger payloads. */
const MAX_BODY_BYTES = 1024 * 1024

const resolverCallSchema = z.strictObject({ payload: z.unknown().optional() })

class TooLargeError extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new TooLargeError())
        request.destroy()
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/** Header names as the caller sent them, each with every value it was given. */
function headersAsSent(request: IncomingMessage): Record<string, string[]> {
  const headers: Record<string, string[]> = {}
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!
    ;(headers[name] ??= []).push(request.rawHeaders[i + 1]!)
  }
  return headers
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {}
  } catch {
    return undefined
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(JSON.stringify(body))
}

/**
 * Installs the emulated Forge runtime in this process and serves the app on loopback.
 * @throws if a Forge runtime is already installed in this process.
 */
export async function startLocalForgeServer(options: LocalForgeServerOptions): Promise<LocalForgeServer> {
  const installContext = `ari:cloud:jira::site/${options.cloudId ?? 'local'}`
  const productEvents: ProductEventRecord[] = []
  const handling = new Set<Promise<unknown>>()

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://local')
      if (url.pathname.startsWith('/x1/')) {
        const event = webTriggerEvent({
          method: request.method ?? 'GET',
          path: url.pathname,
          headers: headersAsSent(request),
          body: await readBody(request),
          queryParameters: Object.fromEntries([...url.searchParams.keys()].map((key) => [key, url.searchParams.getAll(key)])),
        })
        const answer = await handlePortalRequest(event, { installContext })
        response.writeHead(answer.statusCode, answer.headers ?? {})
        return response.end(answer.body ?? '')
      }
      if (url.pathname === '/product-events' && request.method === 'POST') {
        const event = productEventFromWebhook(parseJson(await readBody(request)))
        if (!event) return sendJson(response, 200, { outcome: 'not_an_issue_event' })
        // Like the platform, the trigger runs on its own: Jira is told at once that the event was taken.
        const run = handleIssueEvent(event).then((outcome) => {
          const issue = event.issue as { key?: string }
          productEvents.push({ eventType: String(event.eventType), issueKey: issue.key ?? null, outcome })
        })
        handling.add(run)
        void run.catch((error: unknown) => console.error('The local Forge trigger failed:', error)).finally(() => handling.delete(run))
        return sendJson(response, 202, { accepted: true })
      }
      const resolver = /^\/resolver\/([A-Za-z][A-Za-z0-9]*)$/.exec(url.pathname)
      if (resolver && request.method === 'POST') {
        const call = resolverCallSchema.safeParse(parseJson(await readBody(request)))
        if (!call.success) return sendJson(response, 400, { error: 'Send {"payload": {...}}' })
        const accountId = request.headers['x-forge-account-id']
        const result = await invokeResolver(adminResolver, resolver[1]!, call.data.payload ?? {}, {
          accountId: typeof accountId === 'string' && accountId ? accountId : 'local-admin',
        })
        return sendJson(response, 200, result)
      }
      if (url.pathname === '/' && request.method === 'GET') {
        return sendJson(response, 200, { app: 'portfolio-bridge', webTrigger: `/x1/${PORTAL_WEB_TRIGGER_KEY}`, resolvers: 'POST /resolver/<name>', productEvents: 'POST /product-events' })
      }
      sendJson(response, 404, { error: 'Not found' })
    })().catch((error: unknown) => {
      if (error instanceof TooLargeError) return sendJson(response, 413, { error: 'The body is too large' })
      // What Forge does with a function that throws: a 500, and the error in the logs.
      console.error('The local Forge app failed:', error)
      if (!response.headersSent) sendJson(response, 500, { error: 'The function failed' })
      else response.end()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve)
  })
  const { address, port } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  const base = `http://${host}:${port}`
  let runtime: ForgeRuntime
  try {
    runtime = installForgeRuntime({
      jira: options.jira,
      ...(options.user ? { userJira: options.user } : {}),
      ...(options.kvs ? { kvs: options.kvs } : {}),
      ...(options.cloudId ? { cloudId: options.cloudId } : {}),
      webTriggerUrl: (key) => `${base}/x1/${encodeURIComponent(key)}`,
    })
  } catch (error) {
    server.close()
    throw error
  }
  const installed = runtime
  return {
    url: base,
    webTriggerUrl: `${base}/x1/${PORTAL_WEB_TRIGGER_KEY}`,
    productEventsUrl: `${base}/product-events`,
    productEvents,
    async productEventsIdle() {
      while (handling.size > 0) await Promise.allSettled([...handling])
    },
    runtime,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      installed.uninstall()
    },
  }
}
