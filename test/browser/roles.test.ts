// Roles in Chromium: viewers and external members see progress but no controls; forbidden and unknown pages read well.
import type { Page } from 'playwright-core'
import { startBrowserFixture, type BrowserFixture } from './support/browser-fixture.js'
import { pathsOf } from './support/portfolio-paths.js'

let f: BrowserFixture
let paths: ReturnType<typeof pathsOf>

beforeAll(async () => {
  f = await startBrowserFixture()
  paths = pathsOf(f)
})
afterAll(() => f?.close())

const textOf = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? ''

/** Every control a viewer or external member must not be shown, by the words on it. */
async function controlsOn(page: Page): Promise<string[]> {
  const names = ['New initiative', 'Refresh from Jira', 'Link epic', 'Save changes', 'Delete initiative', 'Edit Configuration', '+Link Projects', 'Configure Jira Integration', 'Add member', 'Delete portfolio']
  const found: string[] = []
  for (const name of names) {
    if ((await page.getByRole('link', { name, exact: true }).count()) + (await page.getByRole('button', { name, exact: true }).count()) > 0) found.push(name)
  }
  if ((await page.locator('[aria-label^="Unlink "], summary.button, select[name=role]').count()) > 0) found.push('unlink, menu or role controls')
  return found
}

async function expectProgressWithoutControls(who: 'viewer' | 'external') {
  const page = await f.newPage()
  await f.signIn(page, who)
  await page.goto(paths.banking)
  expect(await page.locator('tr[data-initiative] svg.progress-bar').count()).toBe(4)
  expect(await controlsOn(page)).toEqual([])

  await page.goto(paths.initiative('Mobile onboarding'))
  expect(await page.locator('li.epic-row').count()).toBe(2)
  expect(await textOf(page, 'li.epic-row')).toMatch(/\d+ To Do/)
  expect(await textOf(page, '.details')).toContain('Execution')
  expect(await controlsOn(page)).toEqual([])
  await f.screenshot(page, `${who}-initiative`)

  await page.goto(paths.integrations(paths.banking))
  expect(await page.locator('tr[data-project]').count()).toBe(4)
  expect(await textOf(page, '.integration-card')).toContain('Sandbox Admin')
  expect(await controlsOn(page)).toEqual([])

  await page.goto(`${paths.banking}/settings/members`)
  expect(await page.locator('tr[data-member]').count()).toBe(4)
  expect(await controlsOn(page)).toEqual([])
  return page
}

test('a viewer sees progress, linked projects and members, and no control they may not use', async () => {
  const page = await expectProgressWithoutControls('viewer')
  expect(await textOf(page, '.portfolio-name')).toContain('Viewer')
})

test('an external member (another company, contributor role) sees the same, marked External', async () => {
  const page = await expectProgressWithoutControls('external')
  expect(await textOf(page, '.portfolio-name')).toContain('External')
})

test('a contributor links epics but does not configure Jira', async () => {
  const page = await f.newPage()
  await f.signIn(page, 'contributor')
  await page.goto(paths.initiative('Mobile onboarding'))
  expect(await page.getByRole('link', { name: 'Link epic' }).count()).toBe(1)
  expect(await page.locator('[aria-label^="Unlink "]').count()).toBe(2)
  await page.goto(paths.integrations(paths.banking))
  expect(await page.getByRole('link', { name: 'Edit Configuration' }).count()).toBe(0)
  expect(await page.getByRole('link', { name: '+Link Projects' }).count()).toBe(0)
})

test('a forbidden action reached anyway gets a readable 403 page, never a stack trace', async () => {
  const page = await f.newPage()
  await f.signIn(page, 'viewer')
  await page.goto(paths.banking)
  // A crafted form post with the viewer's own valid CSRF token.
  const response = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.evaluate((action) => {
      const form = document.createElement('form')
      form.method = 'post'
      form.action = action
      for (const [name, value] of [
        ['_csrf', document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value],
        ['name', 'Sneaky initiative'],
      ]) {
        const input = document.createElement('input')
        input.name = name!
        input.value = value!
        form.append(input)
      }
      document.body.append(form)
      form.submit()
    }, `${paths.banking}/initiatives`),
  ]).then(([r]) => r)
  expect(response.status()).toBe(403)
  await page.getByRole('heading', { name: 'You can’t do that here' }).waitFor()
  const body = (await page.locator('body').textContent()) ?? ''
  expect(body).toContain('Your role in this portfolio does not allow that.')
  expect(body).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|Error:/)
  await f.screenshot(page, 'forbidden')

  // The same post without the token: refused before anything runs, still in words.
  const forged = await page.request.post(`${paths.banking}/initiatives`, { form: { name: 'Forged' }, headers: { Accept: 'text/html', Origin: f.baseUrl } })
  expect(forged.status()).toBe(403)
  expect(await forged.text()).toContain('This form has expired or came from another site.')
  await page.goto(paths.banking)
  expect(await page.locator('tr[data-initiative]').count()).toBe(4)
})

test('pages that do not exist, or belong to a portfolio one is not in, are a readable 404', async () => {
  const page = await f.newPage()
  await f.signIn(page, 'otherManager')
  expect(await page.locator('.portfolio-card').allTextContents()).toEqual([expect.stringContaining('Partner Network')])
  for (const path of [paths.banking, '/no-such-page', `${paths.banking}/initiatives/not-an-id`]) {
    const response = await page.goto(path)
    expect(response?.status()).toBe(404)
    expect(await textOf(page, 'h1')).toBe('Page not found')
    expect(await textOf(page, 'main')).toContain('That page does not exist, or you do not have access to it.')
  }
  await f.screenshot(page, 'not-found')
})

test('signing in: a wrong password is said plainly; afterwards the page asked for opens', async () => {
  const page = await f.newPage()
  await page.goto(paths.initiative('Mobile onboarding'))
  await page.waitForURL('**/sign-in?next=**')
  await page.getByLabel('Email').fill('maya@acme.example')
  await page.getByLabel('Password').fill('not-her-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  expect(await textOf(page, '[role=alert]')).toContain('The email or password is incorrect.')
  await f.screenshot(page, 'sign-in')
  await page.getByLabel('Password').fill('portfolio-demo')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Mobile onboarding', level: 1 }).waitFor()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL('**/sign-in')
  expect(await textOf(page, '[role=status]')).toContain('You are signed out.')
})

test('members: a manager adds a colleague by picking them and another company’s manager by exact email', async () => {
  const page = await f.newPage()
  await f.signIn(page, 'manager')
  expect(await page.locator('.portfolio-card h2').allTextContents()).toEqual(['Digital Banking', 'Retail Expansion'])
  await f.screenshot(page, 'portfolio-list')
  await page.goto(`${paths.banking}/settings/general`)
  expect(await page.getByLabel('Stages').inputValue()).toBe('Proposal\nPlanning\nExecution\nDone')
  await f.screenshot(page, 'settings-general')
  await page.goto(`${paths.retail}/settings/members`)
  await page.locator('#add-company-userId').selectOption({ label: 'Carlos Diaz (carlos@acme.example)' })
  await page.locator('#add-company-role').selectOption('contributor')
  await page.locator('form', { has: page.locator('#add-company-userId') }).getByRole('button', { name: 'Add member' }).click()
  expect(await textOf(page, '.flash')).toContain('Carlos Diaz added as contributor.')

  await page.getByLabel('Their exact email').fill('nobody@globex.example')
  await page.locator('form', { has: page.locator('#add-email-email') }).getByRole('button', { name: 'Add member' }).click()
  expect(await textOf(page, '[role=alert]')).toContain('No Portfolio Bridge user has that email.')
  await page.getByLabel('Their exact email').fill('gary@globex.example')
  await page.locator('form', { has: page.locator('#add-email-email') }).getByRole('button', { name: 'Add member' }).click()
  expect(await textOf(page, '.flash')).toContain('Gary Lindqvist added as viewer. As an external member they see the portfolio but change nothing.')
  expect(await textOf(page, 'tr[data-member="gary@globex.example"]')).toContain('External')
  await f.screenshot(page, 'members')
})
