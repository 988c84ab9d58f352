// Issue 8, item 5 (security): Jira site and web trigger URLs that point inward (by address, by DNS, by redirect) are refused, and nothing inward is ever contacted.
// Unit level: portal-service/jira/site-address.test.ts and safe-fetch.test.ts; a first
// end-to-end pass: test/jira-integration/connection.test.ts ("without JIRA_ALLOW_INSECURE").
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

// A test DNS: names a hostile site owner could point anywhere. Other names resolve as usual.
vi.mock('node:dns', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:dns')>()
  const zone: Record<string, { address: string; family: 4 | 6 }[]> = {
    'inward.ssrf.test': [{ address: '10.1.2.3', family: 4 }],
    'loopback.ssrf.test': [{ address: '127.0.0.1', family: 4 }],
    'metadata.ssrf.test': [{ address: '169.254.169.254', family: 4 }],
    'v6-loopback.ssrf.test': [{ address: '::1', family: 6 }],
    'v6-private.ssrf.test': [{ address: 'fd12:3456::1', family: 6 }],
    'mapped.ssrf.test': [{ address: '::ffff:192.168.0.1', family: 6 }],
    // DNS rebinding: one public answer beside an inward one.
    'rebinding.ssrf.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
  }
  type Callback = (error: NodeJS.ErrnoException | null, address: unknown, family?: number) => void
  function lookup(hostname: string, options: unknown, callback?: Callback) {
    const done = (typeof options === 'function' ? options : callback) as Callback
    const settings = (typeof options === 'object' && options !== null ? options : {}) as { all?: boolean }
    const answers = zone[hostname.toLowerCase().replace(/\.$/, '')]
    if (!answers) return (actual.lookup as (...args: unknown[]) => void)(hostname, options, callback)
    process.nextTick(() => (settings.all ? done(null, answers) : done(null, answers[0]!.address, answers[0]!.family)))
  }
  return { ...actual, lookup, default: { ...actual, lookup } }
})

describe('site URLs that point inward', () => {
  let t: TestApp
  let manager: SessionClient
  let portfolioId: string
  let listener: TcpServer
  let port: number
  let connections = 0

  beforeAll(async () => {
    // Production settings: https only, public addresses only.
    t = await createTestApp('sqlite', { env: { JIRA_ALLOW_INSECURE: '' } })
    const company = await t.createCompany()
    manager = await t.newSession({ companyId: company.id })
    portfolioId = (await manager.post('/api/portfolios', { name: 'SSRF', companyId: company.id })).body.id
    // Stands in for an internal service on loopback: it must never see a connection.
    listener = createTcpServer((socket) => {
      connections++
      socket.destroy()
    })
    await new Promise<void>((ready) => listener.listen(0, '127.0.0.1', ready))
    port = (listener.address() as AddressInfo).port
  })
  afterAll(async () => {
    await new Promise<void>((done) => listener.close(() => done()))
    await t.destroy()
  })

  const INWARD = () => [
    // Loopback, in every spelling a URL parser accepts.
    `https://127.0.0.1:${port}`,
    `https://127.1:${port}`,
    `https://0x7f000001:${port}`,
    `https://2130706433:${port}`,
    `https://0177.0.0.1:${port}`,
    `https://localhost:${port}`,
    `https://LOCALHOST.:${port}`,
    `https://0.0.0.0:${port}`,
    // Private ranges and carrier-grade NAT.
    'https://10.0.0.8',
    'https://172.16.5.4',
    'https://192.168.1.1',
    'https://100.64.0.1',
    // Link-local and the cloud metadata service.
    'https://169.254.169.254/latest/meta-data/',
    'https://[fe80::1]',
    // IPv6: loopback, unique local, unspecified, IPv4-mapped, NAT64 and 6to4 forms of inward addresses.
    `https://[::1]:${port}`,
    'https://[fd00::1]',
    'https://[::]',
    `https://[::ffff:127.0.0.1]:${port}`,
    'https://[::ffff:10.0.0.1]',
    'https://[64:ff9b::a00:1]',
    'https://[2002:7f00:1::]',
    // DNS names that resolve inward, and one that rebinds.
    'https://inward.ssrf.test',
    `https://loopback.ssrf.test:${port}`,
    'https://metadata.ssrf.test/latest/meta-data/',
    `https://v6-loopback.ssrf.test:${port}`,
    'https://v6-private.ssrf.test',
    'https://mapped.ssrf.test',
    `https://rebinding.ssrf.test:${port}`,
  ]

  const verify = (siteUrl: string) =>
    manager.post(`/api/portfolios/${portfolioId}/jira/verify`, { siteUrl, accountEmail: 'reader@example.com', apiToken: 'ATATT-ssrf-probe' })

  test('each is refused with 422 unsafe_site_url, on verify and on save, and no connection is made', async () => {
    // A name this machine's resolver does not know at all (`localhost.` on some systems) is
    // refused as not found: nothing is contacted either way.
    const refused = (siteUrl: string) => (/\.:\d+$/.test(siteUrl) ? expect.stringMatching(/^(unsafe_site_url|jira_site_not_found)$/) : 'unsafe_site_url')
    for (const siteUrl of INWARD()) {
      const verified = await verify(siteUrl)
      expect({ siteUrl, status: verified.status, code: verified.body.error?.code }).toEqual({ siteUrl, status: 422, code: refused(siteUrl) })
      const saved = await manager.call('PUT', `/api/portfolios/${portfolioId}/jira`, {
        body: { siteUrl, accountEmail: 'reader@example.com', apiToken: 'ATATT-ssrf-probe', projectKeys: [] },
      })
      expect({ siteUrl, status: saved.status, code: saved.body.error?.code }).toEqual({ siteUrl, status: 422, code: refused(siteUrl) })
    }
    expect(connections).toBe(0)
    expect((await manager.get(`/api/portfolios/${portfolioId}/jira`)).status).toBe(404)
  })

  test('other schemes, plain http and credentials in the URL are refused before any lookup', async () => {
    const cases = {
      'http://acme.atlassian.net': 'insecure_site_url',
      [`http://127.0.0.1:${port}`]: 'insecure_site_url',
      'file:///etc/passwd': 'invalid_site_url',
      'gopher://127.0.0.1:70/_x': 'insecure_site_url',
      'https://user:pass@acme.atlassian.net': 'invalid_site_url',
    }
    for (const [siteUrl, code] of Object.entries(cases)) {
      const answer = await verify(siteUrl)
      expect({ siteUrl, status: answer.status, code: answer.body.error?.code }).toEqual({ siteUrl, status: 422, code })
    }
    expect(connections).toBe(0)
  })

  test('a Forge web trigger URL pointing inward is refused the same way, and no connection is made', async () => {
    for (const webTriggerUrl of [`https://127.0.0.1:${port}/x1/abc`, `https://loopback.ssrf.test:${port}/x1/abc`, 'https://169.254.169.254/x1/abc', `https://[::ffff:127.0.0.1]:${port}/x1/abc`]) {
      const answer = await manager.post(`/api/portfolios/${portfolioId}/jira/verify`, { mode: 'forge', webTriggerUrl, secret: 'S'.repeat(43) })
      expect({ webTriggerUrl, status: answer.status }).toEqual({ webTriggerUrl, status: 422 })
      expect(answer.body.error.code).toMatch(/unsafe/)
    }
    expect(connections).toBe(0)
  })
})

describe('a site that redirects elsewhere', () => {
  let t: TestApp
  let manager: SessionClient
  let portfolioId: string
  let site: Server
  let internal: Server
  let siteUrl: string
  let internalUrl: string
  const internalHits: string[] = []
  let redirectTo = ''

  beforeAll(async () => {
    // The demo's setting (sites on loopback over http): even then a redirect must not take the token elsewhere.
    t = await createTestApp('sqlite')
    const company = await t.createCompany()
    manager = await t.newSession({ companyId: company.id })
    portfolioId = (await manager.post('/api/portfolios', { name: 'Redirects', companyId: company.id })).body.id
    internal = createHttpServer((req, res) => {
      internalHits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`)
      res.end('{}')
    })
    await new Promise<void>((ready) => internal.listen(0, '127.0.0.1', ready))
    internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`
    site = createHttpServer((_req, res) => res.writeHead(302, { Location: redirectTo }).end())
    await new Promise<void>((ready) => site.listen(0, '127.0.0.1', ready))
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise<void>((done) => site.close(() => done()))
    await new Promise<void>((done) => internal.close(() => done()))
    await t.destroy()
  })

  test('redirects to another port, to the metadata service, to IPv6 loopback or to another host are refused, and the credentials go nowhere', async () => {
    const port = new URL(internalUrl).port
    for (const target of [`${internalUrl}/rest/api/3/myself`, 'http://169.254.169.254/latest/meta-data/', `http://[::1]:${port}/`, `http://localhost:${port}/`, '//elsewhere.ssrf.test/steal']) {
      redirectTo = target
      const answer = await manager.post(`/api/portfolios/${portfolioId}/jira/verify`, { siteUrl, accountEmail: 'reader@example.com', apiToken: 'ATATT-redirect-probe' })
      expect({ target, status: answer.status, code: answer.body.error?.code }).toEqual({ target, status: 422, code: 'jira_site_redirects' })
      expect(JSON.stringify(answer.body)).not.toContain('ATATT-redirect-probe')
    }
    expect(internalHits).toEqual([])
  })
})
