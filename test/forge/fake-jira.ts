/**
 * @module
 * A minimal Jira on loopback for the Forge suites: just the endpoints the app calls today
 * (`mypermissions`, `project/search`), with Basic-auth accounts, and a log of what it was asked.
 * Swap for the Jira sandbox (test/jira-sandbox) once it serves these endpoints.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeJiraAccount {
  email: string
  apiToken: string
  admin: boolean
}

export interface FakeJiraProject {
  id: string
  key: string
  name: string
}

export interface FakeJiraRequest {
  method: string
  path: string
  account: string | null
}

export interface FakeJira {
  baseUrl: string
  requests: FakeJiraRequest[]
  /**
   * Answer requests whose path starts with `pathPrefix` (default: all) with this status from now
   * on (e.g. 503), or pass null for normal service.
   */
  failWith(status: number | null, pathPrefix?: string): void
  close(): Promise<void>
}

function accountOf(request: IncomingMessage, accounts: readonly FakeJiraAccount[]): FakeJiraAccount | null {
  const header = request.headers.authorization ?? ''
  if (!header.startsWith('Basic ')) return null
  const [email, token] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')
  return accounts.find((account) => account.email === email && account.apiToken === token) ?? null
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

export async function startFakeJira(options: {
  accounts: FakeJiraAccount[]
  projects: FakeJiraProject[]
}): Promise<FakeJira> {
  const requests: FakeJiraRequest[] = []
  let failure: { status: number; pathPrefix: string } | null = null
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake-jira')
    const account = accountOf(request, options.accounts)
    requests.push({ method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, account: account?.email ?? null })
    if (failure && url.pathname.startsWith(failure.pathPrefix)) {
      return send(response, failure.status, { errorMessages: [`Failing on purpose with ${failure.status}`], errors: {} })
    }
    if (!account) return send(response, 401, { errorMessages: ['You are not authenticated.'], errors: {} })
    if (request.method === 'GET' && url.pathname === '/rest/api/3/mypermissions') {
      const wanted = url.searchParams.get('permissions')?.split(',') ?? []
      const permissions = Object.fromEntries(
        wanted.map((key) => [key, { id: '0', key, name: key, type: 'GLOBAL', havePermission: key === 'ADMINISTER' && account.admin }]),
      )
      return send(response, 200, { permissions })
    }
    if (request.method === 'GET' && url.pathname === '/rest/api/3/project/search') {
      const query = (url.searchParams.get('query') ?? '').toLowerCase()
      const startAt = Number(url.searchParams.get('startAt') ?? 0)
      const maxResults = Number(url.searchParams.get('maxResults') ?? 50)
      const matching = options.projects.filter(
        (project) => project.key.toLowerCase().includes(query) || project.name.toLowerCase().includes(query),
      )
      const values = matching.slice(startAt, startAt + maxResults).map((project) => ({
        self: `${url.origin}/rest/api/3/project/${project.id}`,
        ...project,
        avatarUrls: { '24x24': `${url.origin}/avatar/${project.id}?size=small` },
        projectTypeKey: 'software',
        simplified: false,
        style: 'classic',
      }))
      return send(response, 200, {
        self: url.href,
        maxResults,
        startAt,
        total: matching.length,
        isLast: startAt + values.length >= matching.length,
        values,
      })
    }
    send(response, 404, { errorMessages: ['Not found'], errors: {} })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    failWith(status, pathPrefix = '/') {
      failure = status === null ? null : { status, pathPrefix }
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}
