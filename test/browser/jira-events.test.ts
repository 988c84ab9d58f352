// The pages for what the API gained: the Jira webhook manager, the Forge app in the wizard and Edit Configuration, and "events flowing" on every page with Jira data.
import type { Page } from 'playwright-core'
import { DEMO_LINKED_PROJECTS } from '../../portal-service/demo/seed-demo.js'
import { linkProjects } from '../../portal-service/jira/linked-projects.service.js'
import { toActor } from '../../portal-service/users/user.service.js'
import type { SandboxProject } from '../jira-sandbox/index.js'
import { startForgeApp, type ForgeAppFixture } from '../support/forge-app.js'
import { startBrowserFixture, type BrowserFixture } from './support/browser-fixture.js'
import { pathsOf } from './support/portfolio-paths.js'

let f: BrowserFixture
let forge: ForgeAppFixture
let allowed: SandboxProject[]
let page: Page
let paths: ReturnType<typeof pathsOf>

beforeAll(async () => {
  f = await startBrowserFixture()
  // Signatures carry the sender's clock: the portal's must be the real one for the 5-minute window.
  f.t.clock.set(new Date())
  await f.t.deps.sync.syncPortfolio(f.seeded.digitalBanking, { trigger: 'manual', mode: 'full' })
  paths = pathsOf(f)
  // The Forge app on the same sandbox, allowing three projects Digital Banking does not use.
  allowed = f.site.sandbox.store.projects().filter((p) => !DEMO_LINKED_PROJECTS.includes(p.key)).slice(0, 3)
  forge = await startForgeApp(f.site.sandbox, allowed)
  forge.deliverProductEvents()
  page = await f.newPage()
  await f.signIn(page, 'manager')
}, 120_000)
afterAll(async () => {
  await forge?.close()
  await f?.close()
})

const text = async (selector: string) => (await page.locator(selector).first().textContent()) ?? ''
const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
/** Reloads until the page says events are in `state` (deliveries and re-reads are asynchronous). */
async function reloadUntilEvents(state: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if ((await page.locator(`.event-flow[data-events=${state}]`).count()) > 0) return
    if (Date.now() > deadline) throw new Error(`events never showed as ${state}: ${await text('.event-flow')}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    await page.reload()
  }
}
/** A child of an epic the given portfolio tracks, moved to its next status in the sandbox. */
function changeChildOf(epicKey: string) {
  const { store } = f.site.sandbox
  const child = store.children(epicKey).find((c) => c.hierarchyLevel === 0)!
  store.updateIssue(child.id, { status: child.status === 'Done' ? 'To Do' : 'Done' })
}

test('Integrations › Jira webhook: create, the secret once, Jira’s steps, events flowing on every page', async () => {
  await page.goto(paths.integrations(paths.banking))
  const events = page.locator('section', { has: page.getByRole('heading', { name: 'Jira events' }) })
  expect(await events.textContent()).toContain('polling only')
  await events.getByRole('link', { name: 'Set up the Jira webhook' }).click()
  await page.getByRole('button', { name: 'Create webhook' }).waitFor()
  await f.screenshot(page, 'webhook-none')
  await page.getByRole('button', { name: 'Create webhook' }).click()

  await page.getByRole('heading', { name: 'Copy the secret now' }).waitFor()
  expect(await text('.flash')).toContain('Webhook created')
  const secret = (await text('#webhook-secret')).trim()
  const url = (await text('#webhook-url')).trim()
  const jql = (await text('#webhook-jql')).trim()
  expect(secret).toMatch(/^pbwh_[\w-]+$/)
  expect(url).toBe(`${f.baseUrl}/api/webhooks/jira/${url.split('/').pop()}`)
  expect(jql).toBe(`project in (${[...DEMO_LINKED_PROJECTS].sort().map((k) => `"${k}"`).join(', ')})`)
  const steps = await text('ol.instructions')
  expect(steps).toContain('Settings (gear icon) > System > WebHooks')
  expect(steps).toContain(secret)
  expect(await text('main')).toContain('Issue: created, Issue: updated, Issue: deleted')
  await f.screenshot(page, 'webhook-created-secret-once')

  // Shown once: a reload shows only its last four characters.
  await page.reload()
  expect(await page.getByRole('heading', { name: 'Copy the secret now' }).count()).toBe(0)
  expect(await text('main')).not.toContain(secret)
  expect(await text('main')).toContain(`…${secret.slice(-4)}`)
  expect(await text('.event-flow')).toContain('waiting for the first event')

  // What the Jira admin does on System › WebHooks; then someone changes an issue in Jira.
  f.site.sandbox.webhooks.register({ url, secret, events: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'], jql })
  changeChildOf(f.site.epics.plain[0]!.key)
  await reloadUntilEvents('live')
  expect(await text('[data-refused]')).toBe('0')

  // Beside "figures read" on the pages with Jira data.
  await page.goto(paths.banking)
  expect(await text('.sync-panel')).toMatch(/Jira figures read .*· Jira events live/)
  await f.screenshot(page, 'landscape-events-live')
  await page.goto(paths.initiative('Mobile onboarding'))
  expect(await text('.sync-panel')).toContain('live')
  await f.screenshot(page, 'initiative-events-live')
})

test('Jira webhook: “JQL out of date” after linking a project; rotate and delete through dialogs, by keyboard', async () => {
  const { t, seeded } = f
  const extra = f.site.sandbox.store.projects().find((p) => !DEMO_LINKED_PROJECTS.includes(p.key) && !allowed.some((a) => a.key === p.key))!
  await linkProjects({ db: t.db, clock: t.clock, log: t.deps.log, jira: t.deps.jira, sync: t.deps.sync }, toActor(seeded.people.manager), seeded.digitalBanking, [extra.key])
  await page.goto(`${paths.integrations(paths.banking)}/jira/webhook`)
  expect(await text('[data-jql-outdated]')).toContain('JQL out of date')
  expect(await text('#webhook-jql')).toContain(`"${extra.key}"`)
  await f.screenshot(page, 'webhook-jql-outdated')

  // The Jira admin pastes the new JQL in Jira; the manager says so and the notice goes.
  await page.getByRole('button', { name: 'I’ve entered it in Jira' }).click()
  expect(await text('.flash')).toContain('Noted: the webhook’s JQL in Jira covers the linked projects')
  expect(await page.locator('[data-jql-outdated]').count()).toBe(0)
  // Another project linked: out of date again, until the rotation below hands out the new JQL.
  const another = f.site.sandbox.store.projects().find((p) => !DEMO_LINKED_PROJECTS.includes(p.key) && !allowed.some((a) => a.key === p.key) && p.key !== extra.key)!
  await linkProjects({ db: t.db, clock: t.clock, log: t.deps.log, jira: t.deps.jira, sync: t.deps.sync }, toActor(seeded.people.manager), seeded.digitalBanking, [another.key])
  await page.reload()
  expect(await text('[data-jql-outdated]')).toContain('JQL out of date')
  const oldHint = await text('.token-hint')

  // Rotate: Enter opens the dialog with Cancel focused (Enter never confirms by accident); Escape closes it.
  const rotate = page.getByRole('link', { name: 'Rotate secret' })
  await rotate.focus()
  await page.keyboard.press('Enter')
  const dialog = page.locator('dialog#rotate-webhook')
  await dialog.waitFor({ state: 'visible' })
  expect(await focused()).toBe('Cancel')
  await f.screenshot(page, 'webhook-rotate-dialog')
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'hidden' })
  expect(await focused()).toBe('Rotate secret')
  // Open again, Tab to the confirm button, Enter.
  await page.keyboard.press('Enter')
  await dialog.waitFor({ state: 'visible' })
  await page.keyboard.press('Tab')
  expect(await focused()).toBe('Rotate secret')
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { name: 'Copy the secret now' }).waitFor()
  expect(await text('.flash')).toContain('Secret rotated')
  const rotated = (await text('#webhook-secret')).trim()
  expect(`…${rotated.slice(-4)}`).not.toBe(oldHint)
  // Rotating hands out the current JQL too.
  expect(await page.locator('[data-jql-outdated]').count()).toBe(0)

  // Jira still signs with the old secret: its next delivery is refused, and counted.
  changeChildOf(f.site.epics.plain[1]!.key)
  await f.site.sandbox.webhooks.idle()
  await page.reload()
  expect(await text('[data-refused]')).toContain('1')

  // Delete, by keyboard as well.
  const remove = page.getByRole('link', { name: 'Delete webhook' })
  await remove.focus()
  await page.keyboard.press('Enter')
  const confirm = page.locator('dialog#delete-webhook')
  await confirm.waitFor({ state: 'visible' })
  expect(await focused()).toBe('Cancel')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await page.waitForURL(`**${paths.integrations(paths.banking)}`)
  expect(await text('.flash')).toContain('Jira webhook deleted')
  expect(await text('.event-flow')).toContain('polling only')
})

test('Configure Jira Integration through the Forge app: web trigger and secret, the allow-list, events flowing', async () => {
  await page.goto(paths.integrations(paths.retail))
  await page.getByRole('link', { name: 'Configure Jira Integration' }).click()
  expect(await text('main')).toContain('Portfolio Bridge Forge app')
  await page.getByRole('link', { name: 'Next' }).click()
  await page.getByRole('link', { name: /Forge app/ }).click()
  await page.waitForURL('**/setup/forge')
  expect(await page.locator('.mode-switch [aria-current=page]').textContent()).toContain('Forge app')
  await f.screenshot(page, 'wizard-2-forge-app')

  await page.getByLabel('Web trigger URL').fill(forge.webTriggerUrl)
  await page.getByLabel('Secret').fill('A'.repeat(43))
  await page.getByRole('button', { name: 'Next' }).click()
  expect(await text('[role=alert]')).toContain('The Forge app refused the secret')
  expect(await page.getByLabel('Web trigger URL').inputValue()).toBe(forge.webTriggerUrl)
  expect(await page.getByLabel('Secret').inputValue()).toBe('')

  await page.getByLabel('Secret').fill(forge.secret)
  await page.getByRole('button', { name: 'Next' }).click()
  await page.waitForURL('**/setup/projects')
  expect(await text('main')).toContain(`Connected to ${f.site.sandbox.url} through the Forge app`)
  const offered = await page.locator('label.picker-option').allTextContents()
  expect(offered).toHaveLength(allowed.length)
  for (const project of allowed) expect(offered.join(' ')).toContain(project.name)
  await f.screenshot(page, 'wizard-3-forge-allow-list')
  await page.locator('label.picker-option', { hasText: allowed[0]!.name }).locator('input').check()
  await page.getByRole('button', { name: 'Save' }).click()

  await page.waitForURL(`**${paths.integrations(paths.retail)}`)
  expect(await text('.flash')).toContain('Jira integration configured. 1 project linked')
  const card = await text('.integration-card')
  expect(card).toContain('The Forge app installed on the Jira site')
  expect(card).toContain(forge.webTriggerUrl)
  expect(card).not.toContain(forge.secret)
  expect(await text('.event-flow')).toContain('waiting for the first event')
  expect(await page.locator('section', { has: page.getByRole('heading', { name: 'Jira events' }) }).textContent()).toContain(`Forwarded to ${f.baseUrl}/api/webhooks/forge`)

  // A change in Jira: the app's trigger forwards it, signed; the page says events are live.
  const issue = f.site.sandbox.store.epics(allowed[0]!.key)[0]!
  f.site.sandbox.store.updateIssue(issue.id, { summary: `${issue.summary} (edited)` })
  await reloadUntilEvents('live')
  await f.screenshot(page, 'integrations-forge-events-live')
})

test('Edit Configuration in Forge mode: paste a rotated secret; switching to an API token is one link away', async () => {
  await page.getByRole('link', { name: 'Edit Configuration' }).click()
  expect(await page.getByLabel('Web trigger URL').inputValue()).toBe(forge.webTriggerUrl)
  expect(await text('main')).toContain(`Leave blank to keep the current secret (…${forge.secret.slice(-4)})`)
  await f.screenshot(page, 'edit-configuration-forge')

  // Nothing new: said so, nothing saved.
  await page.getByRole('button', { name: 'Save' }).click()
  expect(await text('[role=alert]')).toContain('paste a new secret, a new web trigger URL, or both')

  const secret = await forge.rotateSecret()
  await page.getByLabel('Secret').fill(secret)
  await page.getByRole('button', { name: 'Save' }).click()
  await page.waitForURL(`**${paths.integrations(paths.retail)}`)
  expect(await text('.flash')).toContain('Configuration saved: the Forge app accepted it')
  expect(await text('.integration-card')).toContain(`…${secret.slice(-4)}`)

  await page.getByRole('link', { name: 'Edit Configuration' }).click()
  await page.getByRole('link', { name: /API token/ }).click()
  await page.getByLabel('Jira Environment URL').waitFor()
  expect(await text('.alert-info')).toContain('Entering an account and API token switches it to the token')
  expect(await page.getByLabel('Jira Environment URL').inputValue()).toBe(f.site.sandbox.url)
})

test('a viewer sees whether events flow, and no webhook or app controls', async () => {
  const viewer = await f.newPage()
  await f.signIn(viewer, 'viewer')
  await viewer.goto(paths.integrations(paths.retail))
  const section = viewer.locator('section', { has: viewer.getByRole('heading', { name: 'Jira events' }) })
  expect(await section.textContent()).toContain('live')
  expect(await section.getByRole('button').count()).toBe(0)
  expect(await section.getByRole('link').count()).toBe(0)
  const refused = await viewer.goto(`${paths.integrations(paths.banking)}/jira/webhook`)
  expect(refused?.status()).toBe(403)
  expect(await viewer.locator('#webhook-secret, #webhook-url').count()).toBe(0)
})

test('without JavaScript: the webhook is created, its secret shown once, and Rotate and Delete lead to confirmation pages', async () => {
  const plain = await f.newPage({ javaScriptEnabled: false })
  await f.signIn(plain, 'manager')
  await plain.goto(`${paths.integrations(paths.banking)}/jira/webhook`)
  await plain.getByRole('button', { name: 'Create webhook' }).click()
  await plain.getByRole('heading', { name: 'Copy the secret now' }).waitFor()
  // No script to copy with: the button stays hidden, the secret is plain selectable text.
  expect(await plain.locator('button[data-copy]').first().isHidden()).toBe(true)
  expect(await plain.locator('#webhook-secret').textContent()).toMatch(/^pbwh_/)

  await plain.getByRole('link', { name: 'Rotate secret' }).click()
  await plain.waitForURL('**/jira/webhook/rotate')
  expect(await plain.locator('.confirm-panel').textContent()).toContain('The current one stops working at once')
  await f.screenshot(plain, 'webhook-rotate-confirm-page')
  await plain.getByRole('button', { name: 'Rotate secret' }).click()
  await plain.getByRole('heading', { name: 'Copy the secret now' }).waitFor()

  await plain.getByRole('link', { name: 'Delete webhook' }).click()
  await plain.waitForURL('**/jira/webhook/delete')
  await plain.getByRole('button', { name: 'Delete webhook' }).click()
  await plain.waitForURL(`**${paths.integrations(paths.banking)}`)
  expect(await plain.locator('.flash').textContent()).toContain('Jira webhook deleted')
})
