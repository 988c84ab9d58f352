// What a Jira admin is told to enter: events, JQL over the linked projects, the steps.
import { setupInstructions, WEBHOOK_EVENTS, webhookJql, webhooksPage } from './webhook-setup.js'

test('the JQL covers each linked project once, quoted, in a stable order', () => {
  expect(webhookJql(['WEB', 'MOB', 'WEB', 'AND'])).toBe('project in ("AND", "MOB", "WEB")')
})

test('the events are issue created, updated and deleted, in Jira’s names', () => {
  expect(WEBHOOK_EVENTS.map((e) => e.name)).toEqual([
    'jira:issue_created',
    'jira:issue_updated',
    'jira:issue_deleted',
  ])
})

test('the steps name the page, the URL, the JQL and the events, and the secret only when given', () => {
  const facts = {
    siteUrl: 'https://acme.atlassian.net/',
    portfolioName: 'Digital',
    url: 'https://portal.example.com/api/webhooks/jira/abc',
    jql: 'project in ("MOB")',
  }
  expect(webhooksPage(facts.siteUrl)).toBe('https://acme.atlassian.net/plugins/servlet/webhooks')
  const steps = setupInstructions({ ...facts, secret: 'pbwh_secret' })
  const text = steps.join('\n')
  expect(text).toContain('System > WebHooks')
  expect(text).toContain(facts.url)
  expect(text).toContain(facts.jql)
  expect(text).toContain('Issue: created, Issue: updated, Issue: deleted')
  expect(text).toContain('pbwh_secret')
  expect(text).toContain('Exclude body')
  const later = setupInstructions(facts).join('\n')
  expect(later).not.toContain('pbwh_secret')
  expect(later).toMatch(/create the webhook again/)
  expect(text).not.toMatch(/serve the portal over https/)
  expect(
    setupInstructions({ ...facts, url: 'http://localhost:8080/api/webhooks/jira/abc' }).at(-1),
  ).toMatch(/over https/)
})
