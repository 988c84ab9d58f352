// A real portal on a loopback port, seeded like the demo, over the Jira sandbox, driven by Debian's Chromium.
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { DemoPerson } from '../../../portal-service/demo/demo-cast.js'
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../../../portal-service/demo/demo-cast.js'
import { playDemoHistory, rewindDemoWork, DEMO_HISTORY_WEEKS, type DemoHistory } from '../../../portal-service/demo/demo-history.js'
import { startDemoSite, type DemoSite } from '../../../portal-service/demo/demo-site.js'
import { seedDemo, type SeededDemo } from '../../../portal-service/demo/seed-demo.js'
import { createTestApp, type TestApp } from '../../support/test-app.js'

export const SCREENSHOTS = 'test-output/screenshots'

export interface BrowserFixture {
  t: TestApp
  site: DemoSite
  seeded: SeededDemo
  /** Set when the fixture played the demo's weeks of history. */
  history: DemoHistory | null
  baseUrl: string
  /** A fresh context (its own cookies) and page; `javaScriptEnabled: false` for the no-script checks. */
  newPage(options?: { javaScriptEnabled?: boolean }): Promise<Page>
  /** Signs `who` in through the sign-in page. */
  signIn(page: Page, who: DemoPerson['id']): Promise<void>
  /** Saves a full-page screenshot as test-output/screenshots/<name>.png. */
  screenshot(page: Page, name: string): Promise<void>
  close(): Promise<void>
}

// The flags the brief asks for: headless, no sandbox (containers), nothing fetched from Google.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, port: info.port }))
  })
}

/** @param options.history plays the demo's twelve weeks of history first, as `npm run demo` does. */
export async function startBrowserFixture(options: { history?: boolean } = {}): Promise<BrowserFixture> {
  const site = await startDemoSite()
  const t = await createTestApp('sqlite', { env: { JIRA_GATEWAY_URL: site.sandbox.url } })
  let history: DemoHistory | null = null
  if (options.history) {
    // The portal's clock goes back twelve weeks for the seed, and the history brings it back.
    t.clock.set(new Date(t.clock.now().getTime() - DEMO_HISTORY_WEEKS * 7 * 24 * 60 * 60 * 1000))
    history = rewindDemoWork(site)
  }
  const seeded = await seedDemo(t.deps, site, { scrypt: { N: 1024, r: 8, p: 1 } })
  if (history) await playDemoHistory(t.deps, site, seeded, t.clock, history)
  const { server, port } = await listen(t.app.fetch)
  const baseUrl = `http://127.0.0.1:${port}`
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const contexts: BrowserContext[] = []
  mkdirSync(SCREENSHOTS, { recursive: true })

  return {
    t,
    site,
    seeded,
    history,
    baseUrl,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: 1280, height: 900 } })
      contexts.push(context)
      const page = await context.newPage()
      page.setDefaultTimeout(10_000)
      return page
    },
    async signIn(page, who) {
      const person = DEMO_PEOPLE.find((p) => p.id === who)!
      await page.goto('/sign-in')
      await page.getByLabel('Email').fill(person.email)
      await page.getByLabel('Password').fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL('**/portfolios')
    },
    async screenshot(page, name) {
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined)
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await t.destroy()
      await site.sandbox.close()
    },
  }
}
