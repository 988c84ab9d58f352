// Issue 10 in Chromium, over the demo's twelve weeks of history: the attention panel and trend lines, the burn-up and its switch, changes since a date, the forecast.
import type { Page } from 'playwright-core'
import { startBrowserFixture, type BrowserFixture } from './support/browser-fixture.js'
import { pathsOf } from './support/portfolio-paths.js'

let f: BrowserFixture
let page: Page
let paths: ReturnType<typeof pathsOf>

beforeAll(async () => {
  f = await startBrowserFixture({ history: true })
  paths = pathsOf(f)
  page = await f.newPage()
  await f.signIn(page, 'external')
})
afterAll(() => f?.close())

/** The API's answer, fetched with the page's own session. */
async function api<T>(path: string): Promise<T> {
  const response = await page.request.get(`/api/portfolios/${f.seeded.digitalBanking}${path}`)
  expect(response.status()).toBe(200)
  return (await response.json()) as T
}
const initiativeId = (name: string) => f.seeded.initiatives[name]!

test('the landscape says what needs attention, the seeded Done-with-open-children epic among it, and draws a trend per initiative', async () => {
  await page.goto(paths.banking)
  const epic = f.site.epics.doneWithOpenChildren
  const item = page.locator(`li.attention-item[data-kind="epic_done_with_open_children"][data-epic="${epic.key}"]`)
  expect(await item.textContent()).toContain(`${epic.key} “${epic.summary}” is Done in Jira while`)
  expect(await item.getByRole('link', { name: 'Open Payments modernisation' }).getAttribute('href')).toBe(paths.initiative('Payments modernisation'))
  const { items } = await api<{ items: { sentence: string }[] }>('/attention')
  expect(await page.locator('li.attention-item').allTextContents()).toEqual(items.map((i) => expect.stringContaining(i.sentence)))
  for (const name of ['Mobile onboarding', 'Customer portal refresh']) {
    const { points } = await api<{ points: unknown[] }>(`/initiatives/${initiativeId(name)}/history`)
    const trend = page.locator(`tr[data-initiative="${name}"] svg.trend-line`)
    expect(await trend.getAttribute('data-history-points')).toBe(String(points.length))
    expect(await trend.getAttribute('aria-label')).toMatch(/^Last 12 weeks: done \d+ → \d+ of \d+ story points/)
  }
  await f.screenshot(page, 'landscape-attention')
})

test('the burn-up draws one point per history entry, says what it shows, and has the same figures as a table', async () => {
  await page.goto(paths.initiative('Mobile onboarding'))
  const history = await api<{ basis: string; points: { date: string; scope: number; done: number }[] }>(`/initiatives/${initiativeId('Mobile onboarding')}/history`)
  expect(history.basis).toBe('points')
  expect(history.points.length).toBeGreaterThan(10)
  const chart = page.locator('svg.burn-up')
  expect(await chart.locator('g.chart-point').count()).toBe(history.points.length)
  expect(await chart.locator('circle.point-done').count()).toBe(history.points.length)
  expect(await chart.locator('g.chart-point').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-date')))).toEqual(history.points.map((p) => p.date))
  expect(await chart.locator('title').first().textContent()).toContain('Mobile onboarding: scope and done in story points')
  const last = history.points.at(-1)!
  expect(await chart.locator('desc').textContent()).toContain(`done from ${history.points[0]!.done} to ${last.done}`)
  await page.getByText('The figures as a table').click()
  const rows = page.locator('.chart-table tbody tr')
  expect(await rows.count()).toBe(history.points.length)
  expect(await rows.last().locator('td').allTextContents()).toEqual([String(last.scope), String(last.done), expect.any(String)])
  await f.screenshot(page, 'initiative-burn-up')
})

test('the count/points switch redraws the chart by child issues', async () => {
  await page.goto(paths.initiative('Mobile onboarding'))
  await page.getByRole('navigation', { name: 'Measure by' }).getByRole('link', { name: 'Child issues' }).click()
  await page.waitForURL(/basis=count/)
  const history = await api<{ points: unknown[] }>(`/initiatives/${initiativeId('Mobile onboarding')}/history?basis=count`)
  expect(await page.locator('svg.burn-up g.chart-point').count()).toBe(history.points.length)
  expect(await page.locator('[aria-current="true"]').textContent()).toBe('Child issues')
})

test('the forecast sits beside the status people set, with its dates in words', async () => {
  await page.goto(paths.initiative('Customer portal refresh'))
  const forecast = await api<{ suggestion: string; completesBetween: [string, string] | null }>(`/initiatives/${initiativeId('Customer portal refresh')}/forecast`)
  const card = page.locator('section[data-forecast]')
  expect(await card.getAttribute('data-forecast')).toBe(forecast.suggestion)
  const verdict = (await card.locator('.forecast-verdict').textContent()) ?? ''
  expect(verdict).toMatch(/Forecast: (On Track|At Risk|Off Track|Not enough data)\s*beside the status people set:\s*At Risk/)
  expect(await page.locator('.heading-meta [data-suggestion]').getAttribute('data-suggestion')).toBe(forecast.suggestion)
  if (forecast.completesBetween) expect(await card.textContent()).toMatch(/they complete between \d+ \w{3} \d{4} and \d+ \w{3} \d{4}/)
})

test('changes since a chosen date: the epic linked half-way shows as scope added', async () => {
  await page.goto(paths.initiative('Customer portal refresh'))
  const since = new Date(f.t.clock.now().getTime() - 60 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
  await page.getByLabel('Since', { exact: true }).fill(since)
  await page.getByRole('button', { name: 'Show' }).click()
  await page.waitForURL(new RegExp(`since=${since}`))
  const changes = await api<{ scopeAdded: number; epicsLinked: string[]; doneAdded: number }>(`/initiatives/${initiativeId('Customer portal refresh')}/changes?since=${since}&basis=points`)
  expect(changes.epicsLinked).toEqual([f.history!.lateEpic!.key])
  const summary = (await page.locator('ul.change-summary').textContent()) ?? ''
  expect(summary).toContain(`+${changes.scopeAdded} story points of scope added`)
  expect(summary).toContain(`Linked: ${f.history!.lateEpic!.key}`)
  expect(await page.locator('#changes-title').textContent()).toContain('Changes since')
  await f.screenshot(page, 'initiative-changes')
})
