// With JavaScript off, the forms still work: sign-in, the wizard, create initiative, link epic, unlink project.
import type { Page } from 'playwright-core'
import { startBrowserFixture, type BrowserFixture } from './support/browser-fixture.js'
import { pathsOf } from './support/portfolio-paths.js'

let f: BrowserFixture
let paths: ReturnType<typeof pathsOf>
let page: Page

beforeAll(async () => {
  f = await startBrowserFixture()
  paths = pathsOf(f)
  page = await f.newPage({ javaScriptEnabled: false })
})
afterAll(() => f?.close())

const text = async (selector: string) => (await page.locator(selector).first().textContent()) ?? ''

test('sign in; with scripts off, "New initiative" is a link to a page rather than a dialog', async () => {
  await f.signIn(page, 'contributor')
  await page.goto(paths.banking)
  await page.getByRole('link', { name: 'New initiative' }).click()
  await page.waitForURL('**/initiatives/new')
  expect(await page.locator('dialog[open]').count()).toBe(0)
})

test('create an initiative on its own page', async () => {
  await page.getByLabel('Name').fill('Cash machines at partner shops')
  await page.getByLabel('Stage').selectOption('Proposal')
  await page.getByRole('button', { name: 'Create initiative' }).click()
  await page.getByRole('heading', { name: 'Cash machines at partner shops', level: 1 }).waitFor()
  expect(await text('.flash')).toContain('Initiative “Cash machines at partner shops” created.')
})

test('link an epic: pick the project, search, Link', async () => {
  const epic = f.site.sandbox.store.epics('MOB').find((e) => e.key !== f.site.epics.plain[0]!.key && e.key !== f.site.epics.unestimated.key)!
  await page.getByRole('link', { name: 'Link epic' }).click()
  await page.waitForURL('**/link-epic')
  await page.getByLabel('Jira project').selectOption('MOB')
  await page.getByLabel('Search by key or summary').fill(epic.key)
  await page.getByRole('button', { name: 'Search' }).click()
  await page.locator(`li[data-epic="${epic.key}"]`).waitFor()
  await f.screenshot(page, 'link-epic-page-no-js')
  await page.getByRole('button', { name: `Link ${epic.key}` }).click()
  await page.getByRole('heading', { name: 'Cash machines at partner shops', level: 1 }).waitFor()
  expect(await text('.flash')).toContain(`Linked ${epic.key}`)
  expect(await page.locator(`li.epic-row[data-epic="${epic.key}"]`).count()).toBe(1)
})

test('the wizard: credentials, a server-side project search, Save', async () => {
  const { sandbox } = f.site
  page = await f.newPage({ javaScriptEnabled: false })
  await f.signIn(page, 'manager')
  await page.goto(paths.integrations(paths.retail))
  await page.getByRole('link', { name: 'Configure Jira Integration' }).click()
  await page.getByRole('link', { name: 'Next' }).click()
  await page.getByLabel('Jira Environment URL').fill(sandbox.url)
  await page.getByLabel('Account', { exact: true }).fill(sandbox.accounts.admin.email)
  await page.getByLabel('API Token').fill(sandbox.accounts.admin.token)
  await page.getByRole('button', { name: 'Next' }).click()
  await page.waitForURL('**/setup/projects')
  await page.getByLabel('Search Jira projects by name or key').fill('Payments')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.locator('legend', { hasText: 'Projects matching “Payments”' }).waitFor()
  await page.locator('label.picker-option', { hasText: 'Payments' }).locator('input').check()
  await page.getByRole('button', { name: 'Save' }).click()
  await page.waitForURL(`**${paths.integrations(paths.retail)}`)
  expect(await text('.flash')).toContain('Jira integration configured. 1 project linked')
  expect(await page.locator('tr[data-project=PAY]').count()).toBe(1)
})

test('unlink a project: ⨉ leads to a confirmation page listing the epics, then Unlink', async () => {
  const epic = f.site.epics.plain[2]!
  await page.goto(paths.integrations(paths.banking))
  await page.getByRole('link', { name: 'Unlink Data Platform (DATA)' }).click()
  await page.waitForURL('**/jira/projects/DATA/unlink')
  const warning = await text('.confirm-panel')
  expect(warning).toContain('Data Platform (DATA) will be unlinked from this portfolio')
  expect(warning).toContain(`${epic.key} “${epic.summary}” from Data platform migration`)
  await f.screenshot(page, 'unlink-project-page-no-js')
  await page.getByRole('button', { name: 'Unlink' }).click()
  await page.waitForURL(`**${paths.integrations(paths.banking)}`)
  expect(await text('.flash')).toContain(`${epic.key} “${epic.summary}” from Data platform migration`)
  expect(await page.locator('tr[data-project=DATA]').count()).toBe(0)
})
