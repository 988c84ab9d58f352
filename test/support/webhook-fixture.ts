// The portal on a real socket, so the Jira sandbox can deliver webhooks to it, and helpers to
// configure the portfolio's webhook in the portal and register it in the sandbox as an admin would.
import { createHmac } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { SandboxWebhook } from '../jira-sandbox/index.js'
import type { JiraFixture } from './jira-fixture.js'
import type { TestApp } from './test-app.js'

export interface PortalServer {
  url: string
  close(): Promise<void>
}

export async function servePortal(t: TestApp): Promise<PortalServer> {
  return new Promise((resolve) => {
    const server = serve(
      { fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) =>
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done())
              ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
            }),
        }),
    )
  })
}

export interface ConfiguredWebhook {
  /** The URL the portal gave, moved to the real socket's origin. */
  url: string
  path: string
  secret: string
  jql: string
  events: string[]
  /** The body of POST …/jira/webhook. */
  created: any
  sandboxWebhook: SandboxWebhook
}

/** POST …/jira/webhook as the manager, then what the Jira admin does on System > WebHooks. */
export async function configureWebhook(
  f: JiraFixture,
  server: PortalServer,
): Promise<ConfiguredWebhook> {
  const response = await f.people.manager.post(f.api('/jira/webhook'))
  if (response.status !== 201)
    throw new Error(`webhook: ${response.status} ${JSON.stringify(response.body)}`)
  const path = new URL(response.body.url).pathname
  for (const existing of f.sandbox.webhooks.list()) f.sandbox.webhooks.remove(existing.id)
  const sandboxWebhook = f.sandbox.webhooks.register({
    url: `${server.url}${path}`,
    secret: response.body.secret,
    events: response.body.events,
    jql: response.body.jql,
  })
  return {
    url: `${server.url}${path}`,
    path,
    secret: response.body.secret,
    jql: response.body.jql,
    events: response.body.events,
    created: response.body,
    sandboxWebhook,
  }
}

export function sign(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

/** A Jira-shaped issue event body, for deliveries a test crafts itself. */
export function issueEventBody(
  issue: {
    id: string
    key: string
    parentId?: string | null
    projectId: string
    projectKey: string
  },
  at: number,
  webhookEvent = 'jira:issue_updated',
): string {
  return JSON.stringify({
    timestamp: at,
    webhookEvent,
    issue_event_type_name: 'issue_generic',
    issue: {
      id: issue.id,
      key: issue.key,
      fields: {
        ...(issue.parentId ? { parent: { id: issue.parentId } } : {}),
        project: { id: issue.projectId, key: issue.projectKey },
        status: { name: 'Done', statusCategory: { key: 'done' } },
      },
    },
    changelog: {
      id: '1',
      items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '1', to: '3' }],
    },
  })
}

/** Waits until `check` passes or `timeoutMs` runs out (then throws its last failure). */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 5000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  }
}

/**
 * POSTs on a connection of its own, announced (Content-Length) or chunked, and resolves with the
 * status. For bodies the portal refuses mid-way: it closes that connection, which a pooled client
 * would otherwise try to reuse for the next request.
 */
export function postOnce(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  chunked = false,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...(chunked ? {} : { 'content-length': String(body.length) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    // The server may answer 413 and close before the whole body is written.
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    )
    for (let i = 0; i < body.length; i += 64 * 1024) request.write(body.subarray(i, i + 64 * 1024))
    request.end()
  })
}
