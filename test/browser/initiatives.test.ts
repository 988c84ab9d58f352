// A contributor in Chromium: the landscape's figures, a new initiative, Link epic, flags, refresh, stale, and a keyboard-only unlink.
import type { Page } from 'playwright-core'
import type { SandboxIssue } from '../jira-sandbox/index.js'
import { startBrowserFixture, type BrowserFixture } from './support/browser-fixture.js'
import { pathsOf } from './support/portfolio-paths.js'

let f: BrowserFixture
let page: Page
let paths: ReturnType<typeof pathsOf>
let epic: SandboxIssue
let initiativePath: string

beforeAll(async () => {
  f = await startBrowserFixture()
  paths = pathsOf(f)
  const { store } = f.site.sandbox
  const taken = new Set([...f.site.epics.plain, f.site.epics.unestimated].map((e) => e.key))
  epic = store.epics('DATA').find((e) => !taken.has(e.key) && store.children(e.id).length >= 3)!
  page = await f.newPage()
  await f.signIn(page, 'contributor')
})
afterAll(() => f?.close())

const text = async (selector: string) => (await page.locator(selector).first().textContent()) ?? ''

/** What Jira says about an epic's children, as the page should show it. */
function figures(epicKey: string) {
  const children = f.site.sandbox.store.children(epicKey).filter((c) => c.type !== 'subtask')
  const count = (category: string) => children.filter((c) => c.statusCategory === category).length
  const done = count('done')
  return { todo: count('new'), inProgress: count('indeterminate'), done, percent: Math.floor((done / children.length) * 100) }
}

test('the landscape shows each initiative with stage, status, owner, dates and its roll-up', async () => {
  await page.goto(paths.banking)
  const row = page.locator('tr[data-initiative="Mobile onboarding"]')
  const cells = (await row.textContent()) ?? ''
  expect(cells).toContain('Execution')
  expect(cells).toContain('On Track')
  expect(cells).toContain('Maya Patel')
  expect(cells).toContain('1 Sep 2026')
  expect(cells).toContain('31 Mar 2027')
  const both = [f.site.epics.plain[0]!.key, f.site.epics.unestimated.key].map(figures)
  const done = both.reduce((sum, x) => sum + x.done, 0)
  const total = both.reduce((sum, x) => sum + x.todo + x.inProgress + x.done, 0)
  expect(cells).toContain(`${Math.floor((done / total) * 100)}% done · 2 epics`)
  expect(await row.locator('svg.progress-bar').getAttribute('aria-label')).toBe(`${done} done, ${total - done - both.reduce((s, x) => s + x.todo, 0)} in progress, ${both.reduce((s, x) => s + x.todo, 0)} to do, of ${total} child issues`)
  await f.screenshot(page, 'landscape')
})

test('New initiative: the dialog, an error from the server in words, then the created initiative', async () => {
  await page.getByRole('link', { name: 'New initiative' }).click()
  const dialog = page.locator('dialog#new-initiative')
  await dialog.waitFor()
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name')
  await dialog.getByLabel('Name').fill('Branch-free mortgages')
  await dialog.getByLabel('Stage').selectOption('Planning')
  await dialog.getByLabel('Status').selectOption('at_risk')
  await dialog.getByLabel('Owner').selectOption({ label: 'Carlos Diaz (carlos@acme.example)' })
  await dialog.getByLabel('Start date').fill('2027-02-01')
  await dialog.getByLabel('Go-live date').fill('2027-01-01')
  await dialog.getByRole('button', { name: 'Create initiative' }).click()
  // The rule lives in the service; its answer comes back beside the field, with what was typed.
  expect(await text('[role=alert]')).toContain('The start date must be before the go-live (target) date.')
  expect(await page.getByLabel('Name').inputValue()).toBe('Branch-free mortgages')
  await page.getByLabel('Go-live date').fill('2027-06-30')
  await page.getByRole('button', { name: 'Create initiative' }).click()
  await page.getByRole('heading', { name: 'Branch-free mortgages', level: 1 }).waitFor()
  initiativePath = new URL(page.url()).pathname
  expect(await text('.flash')).toContain('Initiative “Branch-free mortgages” created.')
  const meta = await text('.heading-meta')
  expect(meta).toContain('At Risk')
  expect(meta).toContain('Owner: Carlos Diaz')
  expect(meta).toContain('1 Feb 2027 → 30 Jun 2027')
})

test('Link epic: pick a linked project, search by key or summary, link, and see its progress', async () => {
  await page.getByRole('link', { name: 'Link epic' }).click()
  const dialog = page.locator('dialog#link-epic')
  await dialog.waitFor()
  await dialog.getByLabel('Jira project').selectOption('DATA')
  await dialog.getByLabel('Search by key or summary').fill(epic.key)
  await dialog.locator(`li[data-epic="${epic.key}"]`).waitFor()
  const words = epic.summary.split(' ').slice(0, 2).join(' ')
  await dialog.getByLabel('Search by key or summary').fill(words)
  await dialog.locator('.result-list', { hasText: words }).waitFor()
  await f.screenshot(page, 'link-epic-dialog')
  await dialog.getByRole('button', { name: `Link ${epic.key}` }).click()

  await page.waitForURL(`**${initiativePath}`)
  expect(await text('.flash')).toContain(`Linked ${epic.key} “${epic.summary}”`)
  const row = page.locator(`li.epic-row[data-epic="${epic.key}"]`)
  expect(await row.locator('a.epic-key').getAttribute('href')).toBe(`${f.site.sandbox.url}/browse/${epic.key}`)
  const shown = (await row.textContent()) ?? ''
  const expected = figures(epic.key)
  expect(shown).toContain(epic.summary)
  expect(shown).toContain(epic.status)
  expect(shown).toContain(`${expected.todo} To Do`)
  expect(shown).toContain(`${expected.inProgress} In Progress`)
  expect(shown).toContain(`${expected.done} Done`)
  expect(shown).toContain(`${expected.percent}% done by count`)
  expect(shown).toMatch(/\d+% by story points|story points/)
  expect(shown).toContain('Read just now')
  expect(await text('#epics-title')).toContain('(1 of 20)')
  await f.screenshot(page, 'initiative-detail')
})

test('epics Done with open children, without estimates and without children are marked', async () => {
  await page.goto(paths.initiative('Payments modernisation'))
  expect(await page.locator(`li[data-epic="${f.site.epics.doneWithOpenChildren.key}"]`).textContent()).toContain('Done in Jira with open children')
  await page.goto(paths.initiative('Mobile onboarding'))
  expect(await page.locator(`li[data-epic="${f.site.epics.unestimated.key}"]`).textContent()).toMatch(/\d+ child(ren)? without estimate/)
  await page.goto(paths.initiative('Customer portal refresh'))
  expect(await page.locator(`li[data-epic="${f.site.epics.withoutChildren.key}"]`).textContent()).toContain('No child issues: the epic’s own status shows its progress.')
})

test('Refresh from Jira reads new figures; when Jira fails, the last ones stay, marked stale', async () => {
  const { store, faults } = f.site.sandbox
  const open = store.children(epic.key).find((c) => c.statusCategory !== 'done' && c.type !== 'subtask')!
  store.updateIssue(open.key, { status: 'Done' })
  store.flushSearchIndex()
  const before = figures(epic.key)
  await page.goto(initiativePath)
  await page.getByRole('button', { name: 'Refresh from Jira' }).click()
  expect(await text('.flash')).toContain('Refreshed from Jira')
  expect(await page.locator(`li[data-epic="${epic.key}"]`).textContent()).toContain(`${before.done} Done`)

  const outage = faults.add({ match: { path: /\/rest\/api\/3\/(search\/jql|issue\/bulkfetch)/ }, kind: 'status', status: 503 })
  await page.getByRole('button', { name: 'Refresh from Jira' }).click()
  expect(await text('.flash')).toContain('Jira could not be read')
  expect(await page.locator(`li[data-epic="${epic.key}"] .stale-marker`).textContent()).toContain('Stale')
  expect(await page.locator(`li[data-epic="${epic.key}"]`).textContent()).toContain(`${before.done} Done`)
  expect(await text('[data-health]')).toContain('Jira is unavailable')
  await f.screenshot(page, 'initiative-stale')
  faults.remove(outage)
})

test('keyboard only: Tab to ⨉, Enter opens the confirmation on Cancel, Escape returns focus, Tab and Enter unlink', async () => {
  await page.goto(initiativePath)
  const label = `Unlink ${epic.key}`
  let reached = false
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === label
  }
  expect(reached).toBe(true)
  await page.keyboard.press('Enter')
  const dialog = page.locator('dialog[open]')
  await dialog.waitFor()
  expect(await dialog.getByRole('heading').textContent()).toBe(`Unlink ${epic.key}?`)
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel')
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' }).catch(() => undefined)
  expect(await page.locator('dialog[open]').count()).toBe(0)
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(label)

  await page.keyboard.press('Enter')
  await page.locator('dialog[open]').waitFor()
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Unlink')
  await page.keyboard.press('Enter')
  await page.waitForURL(`**${initiativePath}`)
  expect(await text('.flash')).toContain(`Unlinked ${epic.key} from this initiative. Nothing changed in Jira.`)
  expect(await page.locator(`li[data-epic="${epic.key}"]`).count()).toBe(0)
})

test('an epic deleted in Jira, and one moved to a project not linked, say so where they were linked', async () => {
  const { store } = f.site.sandbox
  const deleted = f.site.epics.plain[2]!
  const moved = f.site.epics.plain[1]!
  store.deleteIssue(deleted.key)
  const newKey = store.moveIssue(moved.key, 'OPS')
  store.flushSearchIndex()
  // Deletions are seen by the periodic full read (DESIGN.md, Sync); run it now rather than wait.
  await f.t.deps.sync.syncPortfolio(f.seeded.digitalBanking, { trigger: 'manual', mode: 'full' })
  await page.goto(paths.initiative('Data platform migration'))
  const gone = page.locator(`li.epic-row[data-epic="${deleted.key}"]`)
  expect(await gone.getAttribute('data-state')).toBe('deleted')
  expect(await gone.textContent()).toContain('Deleted in Jira.')
  await page.goto(paths.initiative('Customer portal refresh'))
  const away = page.locator(`li.epic-row[data-epic="${newKey}"]`)
  expect(await away.getAttribute('data-state')).toBe('moved_out')
  expect(await away.textContent()).toContain('This epic now belongs to a Jira project that is not linked to the portfolio.')
  await f.screenshot(page, 'initiative-moved-out')
})

test('a rejected token shows on every page with Jira data, in words saying who must act', async () => {
  f.site.sandbox.store.revokeToken(f.site.sandbox.accounts.admin.email)
  await page.goto(paths.banking)
  await page.getByRole('button', { name: 'Refresh from Jira' }).click()
  await page.locator('[data-health=token_rejected]').waitFor()
  for (const path of [paths.banking, paths.initiative('Mobile onboarding'), paths.integrations(paths.banking)]) {
    await page.goto(path)
    expect(await text('[data-health]')).toContain('Token rejected — a manager must rotate it.')
  }
  // A contributor cannot rotate it, so the banner offers no link to do so.
  expect(await page.locator('[data-health] a').count()).toBe(0)
  await f.screenshot(page, 'token-rejected')
})
