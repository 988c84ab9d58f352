// What the browser receives, without a browser: the CSP, the avatar proxy's checks, and HTML or JSON errors.
import { startDemoSite, type DemoSite } from '../../portal-service/demo/demo-site.js'
import { seedDemo, type SeededDemo } from '../../portal-service/demo/seed-demo.js'
import { getConnectionView } from '../../portal-service/jira/jira-connection.service.js'
import { createTestApp, type SessionClient, type TestApp } from '../support/test-app.js'

let site: DemoSite
let t: TestApp
let seeded: SeededDemo
let viewer: SessionClient
let outsider: SessionClient
const HTML = { Accept: 'text/html' }

beforeAll(async () => {
  site = await startDemoSite()
  t = await createTestApp('sqlite', { env: { JIRA_GATEWAY_URL: site.sandbox.url } })
  seeded = await seedDemo(t.deps, site, { scrypt: { N: 1024, r: 8, p: 1 } })
  viewer = await t.signIn({ email: 'vera@acme.example', password: 'portfolio-demo' })
  outsider = await t.signIn({ email: 'gary@globex.example', password: 'portfolio-demo' })
})
afterAll(async () => {
  await t?.destroy()
  await site?.sandbox.close()
})

const avatar = (who: SessionClient, src: string) => who.get(`/portfolios/${seeded.digitalBanking}/jira/avatar?src=${encodeURIComponent(src)}`)

test('pages allow images from the portal only, and load nothing from elsewhere', async () => {
  const response = await viewer.get(`/portfolios/${seeded.digitalBanking}`, HTML)
  expect(response.status).toBe(200)
  const csp = response.headers.get('Content-Security-Policy')!
  expect(csp).toContain("img-src 'self' data:")
  expect(csp).not.toContain(site.sandbox.url)
  expect(csp).toMatch(/script-src 'self' 'nonce-/)
  expect(response.body).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/)
  // Project icons point at the portal's proxy, never at the Jira site.
  expect(response.body).not.toContain(`src="${site.sandbox.url}`)
})

test('the avatar proxy relays the connected site’s icons, sandboxed so they cannot run script', async () => {
  const connection = await getConnectionView(t.db, seeded.digitalBanking)
  const src = connection.linkedProjects.find((p) => p.key === 'MOB')!.avatarUrl!
  expect(src.startsWith(`${site.sandbox.url}/rest/api/3/universal_avatar/`)).toBe(true)
  const response = await avatar(viewer, src)
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('image/svg+xml')
  expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'")
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  // The sandbox draws a project's icon with its key's first letter.
  expect(response.body).toMatch(/<svg[\s\S]*>M</)
})

test('it fetches nothing but avatar paths of the connected site, and relays nothing but images', async () => {
  site.sandbox.clearRequests()
  for (const src of [
    'https://evil.example/avatar.png',
    `${site.sandbox.url}/rest/api/3/myself`,
    `${site.sandbox.url.replace('127.0.0.1', 'localhost')}/rest/api/3/universal_avatar/view/type/project/avatar/1`,
    'not a url',
  ]) {
    const response = await avatar(viewer, src)
    expect(response.status).toBe(200)
    // The neutral placeholder, drawn by the portal itself.
    expect(response.body).toContain('fill="#dfe1e6"')
  }
  expect(site.sandbox.requests).toEqual([])

  // A site answering an avatar path with HTML gets the placeholder, not its page.
  const fault = site.sandbox.faults.add({ match: { path: /universal_avatar/ }, kind: 'status', status: 200, body: '<script>alert(1)</script>', contentType: 'text/html' })
  const html = await avatar(viewer, `${site.sandbox.url}/rest/api/3/universal_avatar/view/type/project/avatar/10400`)
  expect(html.headers.get('Content-Type')).toBe('image/svg+xml')
  expect(html.body).not.toContain('<script>')
  site.sandbox.faults.remove(fault)
})

test('only members get icons through the proxy', async () => {
  const response = await avatar(outsider, `${site.sandbox.url}/rest/api/3/universal_avatar/view/type/project/avatar/10400`)
  expect(response.status).toBe(404)
})

test('browsers get error pages, API callers JSON, for the same failures', async () => {
  const page = await viewer.get('/no-such-page', HTML)
  expect(page.status).toBe(404)
  expect(page.headers.get('Content-Type')).toMatch(/text\/html/)
  expect(page.body).toContain('Page not found')
  const api = await viewer.get('/api/no-such-thing', HTML)
  expect(api.status).toBe(404)
  expect(api.body.error.code).toBe('not_found')
  const anonymous = await t.anonymous.get(`/portfolios/${seeded.digitalBanking}`, HTML)
  expect(anonymous.status).toBe(303)
  expect(anonymous.headers.get('Location')).toBe(`/sign-in?next=${encodeURIComponent(`/portfolios/${seeded.digitalBanking}`)}`)
})
