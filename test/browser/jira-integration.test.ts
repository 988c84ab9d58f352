// A portfolio manager walks the seed's Jira procedures in Chromium: configure, edit, change site, link up to 20, unlink, delete.
import type { Page } from 'playwright-core'
import { startJiraSandbox, type JiraSandbox } from '../jira-sandbox/index.js'
import { startBrowserFixture, type BrowserFixture } from './support/browser-fixture.js'
import { pathsOf } from './support/portfolio-paths.js'

let f: BrowserFixture
let otherSite: JiraSandbox
let page: Page
let paths: ReturnType<typeof pathsOf>

beforeAll(async () => {
  f = await startBrowserFixture()
  // A second Jira site, for changing the site, with more than 20 projects to reach the limit.
  otherSite = await startJiraSandbox({ seed: 11, dataset: { projects: 3, epicsPerProject: 1, childrenPerEpic: 0, subtasksPerChild: 0, extraProjects: 21 } })
  paths = pathsOf(f)
  page = await f.newPage()
  await f.signIn(page, 'manager')
})
afterAll(async () => {
  await f?.close()
  await otherSite?.close()
})

const text = async (selector: string) => (await page.locator(selector).first().textContent()) ?? ''
const alertText = async () => {
  await page.getByRole('alert').first().waitFor()
  return (await page.getByRole('alert').first().textContent()) ?? ''
}

async function fillCredentials(siteUrl: string, email: string, token: string) {
  await page.getByLabel('Jira Environment URL').fill(siteUrl)
  await page.getByLabel('Account', { exact: true }).fill(email)
  await page.getByLabel('API Token').fill(token)
}

test('Configure Jira Integration: prerequisites, credentials (a wrong token first), projects, Save', async () => {
  const { sandbox } = f.site
  const admin = sandbox.accounts.admin
  await page.goto(paths.integrations(paths.retail))
  await page.getByRole('heading', { name: 'Jira integration' }).waitFor()
  await f.screenshot(page, 'integrations-not-configured')
  await page.getByRole('link', { name: 'Configure Jira Integration' }).click()

  // Page 1: the prerequisites, then Next.
  expect(await text('.steps [aria-current=step]')).toContain('Prerequisites')
  expect(await text('main')).toContain('You need to have a user account and API token with access rights')
  await f.screenshot(page, 'wizard-1-prerequisites')
  await page.getByRole('link', { name: 'Next' }).click()

  // Page 2: each failure in words a manager can act on; the URL and account stay, the token does not.
  expect(await text('.steps [aria-current=step]')).toContain('Connect to Jira')
  await fillCredentials(sandbox.url, admin.email, 'not-the-token')
  await page.getByRole('button', { name: 'Next' }).click()
  expect(await alertText()).toContain('Jira rejected the account email or API token')
  expect(await page.getByLabel('Jira Environment URL').inputValue()).toBe(sandbox.url)
  expect(await page.getByLabel('Account', { exact: true }).inputValue()).toBe(admin.email)
  expect(await page.getByLabel('API Token').inputValue()).toBe('')
  await f.screenshot(page, 'wizard-2-wrong-token')

  await fillCredentials('https://no-such-site.invalid', admin.email, admin.token)
  await page.getByRole('button', { name: 'Next' }).click()
  expect(await alertText()).toContain('No site answers at https://no-such-site.invalid')

  await fillCredentials('http://127.0.0.1:9', admin.email, admin.token)
  await page.getByRole('button', { name: 'Next' }).click()
  expect(await alertText()).toContain('cannot be reached')

  // Rate limited. While the check runs (held back here so it can be watched), the button says so.
  const limit = sandbox.faults.add({ match: { path: '/rest/api/3/myself' }, kind: 'status', status: 429, retryAfter: 1 })
  await fillCredentials(sandbox.url, admin.email, admin.token)
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/setup/credentials', async (route) => {
    await held
    await route.continue()
  })
  // Not awaited: the click waits for the navigation, which is held until the button is checked.
  const clicked = page.getByRole('button', { name: 'Next' }).click()
  const busy = await page.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      const button = document.querySelector<HTMLButtonElement>('button.is-busy')
      if (button) return { text: button.textContent, disabled: button.disabled, live: document.getElementById('live-region')?.textContent }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return null
  })
  release()
  await clicked
  expect(busy).toEqual({ text: 'Checking the connection with Jira…', disabled: true, live: 'Checking the connection with Jira…' })
  expect(await alertText()).toContain('Jira is limiting how fast it answers')
  await page.unroute('**/setup/credentials')
  sandbox.faults.remove(limit)

  await fillCredentials(sandbox.url, admin.email, admin.token)
  await page.getByRole('button', { name: 'Next' }).click()
  await page.waitForURL('**/setup/projects')

  // Page 3: search on Jira's side, tick, search again (the ticks stay), Save.
  expect(await text('main')).toContain(`Connected to ${sandbox.url} as Sandbox Admin`)
  expect(await text('.picker-limit')).toContain('You can link up to 20 Jira projects per portfolio')
  const search = page.getByLabel('Search Jira projects by name or key')
  await search.fill('Payments')
  await page.locator('legend', { hasText: 'Projects matching “Payments”' }).waitFor()
  await page.locator('label.picker-option', { hasText: 'Payments' }).locator('input').check()
  await search.fill('Mobile')
  await page.locator('legend', { hasText: 'Projects matching “Mobile”' }).waitFor()
  await page.locator('label.picker-option', { hasText: 'Mobile Banking App' }).locator('input').check()
  expect(await text('[data-picker-count]')).toBe('2')
  expect(await page.locator('fieldset', { hasText: 'Selected' }).textContent()).toContain('Payments')
  await f.screenshot(page, 'wizard-3-projects')
  await page.getByRole('button', { name: 'Save' }).click()

  // The integration card and the linked projects list.
  await page.waitForURL(`**${paths.integrations(paths.retail)}`)
  expect(await text('.flash')).toContain('Jira integration configured. 2 projects linked')
  const card = await text('.integration-card')
  expect(card).toContain(sandbox.url)
  expect(card).toContain(`Sandbox Admin · ${admin.email}`)
  expect(card).toContain(`…${admin.token.slice(-4)}`)
  expect(card).not.toContain(admin.token)
  const keyLink = page.locator('tr[data-project=PAY] a.key-link')
  expect(await keyLink.getAttribute('href')).toBe(`${sandbox.url}/browse/PAY`)
  expect(await page.locator('tr[data-project=PAY] th').textContent()).toContain('Payments')
  // The project icon comes through the portal, as an image the browser could decode.
  const icon = page.locator('tr[data-project=PAY] img.project-icon')
  expect(await icon.getAttribute('src')).toMatch(/^\/portfolios\/.+\/jira\/avatar\?src=/)
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('tr[data-project=PAY] img.project-icon')
    return img !== null && img.complete && img.naturalWidth > 0
  })
  await f.screenshot(page, 'integrations-configured')
})

test('Edit Configuration rotates the token and changes the account, checked with Jira first', async () => {
  f.site.sandbox.store.addAccount({ email: 'reader@sandbox.test', token: 'ATATT-rotated-reader-9876', displayName: 'Portfolio Reader', visibleProjects: 'all' })
  await page.getByRole('link', { name: 'Edit Configuration' }).click()
  expect(await page.getByLabel('Jira Environment URL').inputValue()).toBe(f.site.sandbox.url)
  expect(await text('main')).toContain('Leave blank to keep the current token (…dmin)')
  await f.screenshot(page, 'edit-configuration')

  await page.getByLabel('Account', { exact: true }).fill('reader@sandbox.test')
  await page.getByRole('button', { name: 'Save' }).click()
  // The stored token belongs to the admin account, so Jira refuses it for another account.
  expect(await alertText()).toContain('Jira rejected the account email or API token')

  await page.getByLabel('Account', { exact: true }).fill('reader@sandbox.test')
  await page.getByLabel('API Token').fill('ATATT-rotated-reader-9876')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.waitForURL(`**${paths.integrations(paths.retail)}`)
  expect(await text('.flash')).toContain('Configuration saved')
  const card = await text('.integration-card')
  expect(card).toContain('Portfolio Reader · reader@sandbox.test')
  expect(card).toContain('…9876')
  expect(await page.locator('tr[data-project]').count()).toBe(2)
})

test('changing the site says what will be unlinked and asks to confirm', async () => {
  await page.getByRole('link', { name: 'Edit Configuration' }).click()
  await fillCredentials(otherSite.url, otherSite.accounts.admin.email, otherSite.accounts.admin.token)
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByRole('heading', { name: 'Change the Jira site?' }).waitFor()
  const warning = await text('.confirm-panel')
  expect(warning).toContain(`Moving from ${f.site.sandbox.url} to ${otherSite.url} deletes the current configuration`)
  expect(warning).toContain('Payments')
  expect(warning).toContain('Mobile Banking App')
  await f.screenshot(page, 'edit-configuration-site-change')
  await page.getByRole('button', { name: 'Change site and unlink' }).click()
  await page.waitForURL(`**${paths.integrations(paths.retail)}`)
  expect(await text('.flash')).toContain(`Now connected to ${otherSite.url}. 2 projects and 0 epics were unlinked`)
  expect(await page.locator('tr[data-project]').count()).toBe(0)
})

test('+Link Projects: search, select, Done; the limit of 20 is shown and enforced', async () => {
  await page.getByRole('link', { name: '+Link Projects' }).click()
  const dialog = page.locator('dialog#link-projects')
  await dialog.locator('label.picker-option').first().waitFor()
  expect(await dialog.locator('.picker-limit').textContent()).toContain('at most 20 can be added')
  const first = otherSite.store.projects()[0]!
  await dialog.getByLabel('Search Jira projects by name or key').fill(first.key)
  await dialog.locator('legend', { hasText: `matching “${first.key}”` }).waitFor()
  await dialog.locator('label.picker-option', { hasText: first.name }).locator('input').check()
  await f.screenshot(page, 'link-projects-dialog')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await page.waitForURL(`**${paths.integrations(paths.retail)}`)
  expect(await text('.flash')).toContain('Linked 1 Jira project.')
  expect(await page.locator(`tr[data-project="${first.key}"]`).count()).toBe(1)

  // Ticking stops at the 19 that may still be linked.
  await page.getByRole('link', { name: '+Link Projects' }).click()
  await dialog.locator('label.picker-option').first().waitFor()
  expect(await dialog.locator('.picker-limit').textContent()).toContain('1 already linked; at most 19 can be added')
  expect(await dialog.locator('label.picker-option', { hasText: 'Already linked' }).count()).toBe(1)
  for (let ticked = 0; ticked < 19; ticked++) await dialog.locator('input[data-picker-box]:not(:checked):not(:disabled)').first().check()
  expect(await dialog.locator('[data-picker-count]').textContent()).toBe('19')
  const left = dialog.locator('input[data-picker-box]:not(:checked)')
  expect(await left.count()).toBeGreaterThan(0)
  for (const box of await left.all()) expect(await box.isDisabled()).toBe(true)
  await f.screenshot(page, 'link-projects-limit')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await page.waitForURL(`**${paths.integrations(paths.retail)}`)
  expect(await text('#linked-projects-title')).toContain('(20 of 20)')
  expect(await page.getByRole('link', { name: '+Link Projects' }).count()).toBe(0)
  expect(await text('main')).toContain('The limit of 20 projects is reached')

  // A crafted request for a 21st is refused by the portal, in words.
  const linked = new Set(await page.locator('tr[data-project]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-project'))))
  const spare = otherSite.store.projects().find((p) => !linked.has(p.key))!
  const csrf = await page.locator('input[name=_csrf]').first().inputValue()
  const response = await page.request.post(`${paths.integrations(paths.retail)}/jira/link-projects`, {
    form: { _csrf: csrf, intent: 'save', projectKeys: spare.key },
    headers: { Accept: 'text/html', Origin: f.baseUrl },
  })
  expect(response.status()).toBe(409)
  expect(await response.text()).toContain('A portfolio can link at most 20 Jira projects')
})

test('Delete from the ... menu, after a confirmation that says what will be unlinked', async () => {
  await page.locator('summary[aria-label="More actions for the Jira configuration"]').click()
  await page.locator('.menu-items').getByRole('link', { name: 'Delete' }).click()
  const dialog = page.locator('dialog#delete-jira')
  await dialog.waitFor()
  const warning = (await dialog.textContent()) ?? ''
  expect(warning).toContain('The linked Jira projects will be unlinked from the portfolio automatically')
  expect(await dialog.locator('.cascade-list li').count()).toBe(20)
  await f.screenshot(page, 'delete-configuration-confirmation')
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await page.waitForURL(`**${paths.integrations(paths.retail)}`)
  expect(await text('.flash')).toContain('Jira configuration deleted. 20 projects and 0 epics were unlinked')
  await page.getByRole('link', { name: 'Configure Jira Integration' }).waitFor()
})

test('⨉ unlinks a project after a confirmation listing the epics that go with it', async () => {
  const epic = f.site.epics.doneWithOpenChildren
  await page.goto(paths.integrations(paths.banking))
  await page.getByRole('link', { name: 'Unlink Payments (PAY)' }).click()
  const dialog = page.locator('dialog#unlink-PAY')
  await dialog.waitFor()
  const warning = (await dialog.textContent()) ?? ''
  expect(warning).toContain('This epic will be unlinked from its initiative automatically')
  expect(warning).toContain(epic.key)
  expect(warning).toContain('from Payments modernisation')
  await f.screenshot(page, 'unlink-project-confirmation')
  await dialog.getByRole('button', { name: 'Unlink' }).click()
  await page.waitForURL(`**${paths.integrations(paths.banking)}`)
  const flash = await text('.flash')
  expect(flash).toContain('Unlinked PAY. These epics were unlinked from their initiatives:')
  expect(flash).toContain(`${epic.key} “${epic.summary}” from Payments modernisation`)
  expect(await page.locator('tr[data-project=PAY]').count()).toBe(0)
  await page.goto(paths.initiative('Payments modernisation'))
  expect(await text('main')).toContain('No epics are linked to this initiative yet.')
})
