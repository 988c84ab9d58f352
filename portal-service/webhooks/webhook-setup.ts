/**
 * @module
 * What a Jira admin enters on Jira's System > WebHooks page for a portfolio: the events to tick,
 * the JQL filter covering its linked projects, and the steps in words. Pure.
 *
 * Jira's facts (developer.atlassian.com, Jira Cloud platform "Webhooks"; the OpenAPI document's
 * `WebhookDetails.jqlFilter`): admin webhooks can sign deliveries with a secret
 * (`X-Hub-Signature: sha256=…`); a webhook JQL filter supports only some fields (`project`,
 * `issuetype`, `status`, …) and the operators `=`, `!=`, `IN`, `NOT IN`; an empty filter matches
 * every issue of every project.
 */
import type { IssueWebhookEvent } from '../../shared/events/jira-webhook.js'

/** The events to tick, in Jira's names, with the labels its form shows. */
export const WEBHOOK_EVENTS: readonly { name: IssueWebhookEvent; label: string }[] = [
  { name: 'jira:issue_created', label: 'Issue: created' },
  { name: 'jira:issue_updated', label: 'Issue: updated' },
  { name: 'jira:issue_deleted', label: 'Issue: deleted' },
]

/** Project keys quoted, so a key that is also a JQL word (`AND`, `EMPTY`) stays a key. */
export function webhookJql(projectKeys: readonly string[]): string {
  const keys = [...new Set(projectKeys)].sort()
  return `project in (${keys.map((key) => `"${key.replace(/["\\]/g, '')}"`).join(', ')})`
}

export interface SetupFacts {
  /** The Jira site, e.g. `https://acme.atlassian.net`. */
  siteUrl: string
  portfolioName: string
  url: string
  jql: string
  /** Included when the secret is being shown (right after creation); otherwise the step says where it went. */
  secret?: string | undefined
}

/** Jira Cloud's admin page for webhooks. */
export function webhooksPage(siteUrl: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/plugins/servlet/webhooks`
}

/** The steps on Jira's side, one sentence each, in order. */
export function setupInstructions(facts: SetupFacts): string[] {
  const steps = [
    `Sign in to Jira as a Jira administrator and open Settings (gear icon) > System > WebHooks, or go to ${webhooksPage(facts.siteUrl)}.`,
    'Select "Create a WebHook".',
    `Name: "Portfolio Bridge – ${facts.portfolioName}". Status: Enabled.`,
    `URL: ${facts.url}`,
    facts.secret
      ? `Secret: ${facts.secret} — copy it now: the portal shows it only this once (it keeps it encrypted to check signatures).`
      : 'Secret: paste the secret the portal showed when the webhook was created. If it is lost, create the webhook again in the portal: that makes a new secret and the old one stops working.',
    `Events: under "Issue related events", enter this JQL: ${facts.jql}`,
    `Then tick ${WEBHOOK_EVENTS.map((e) => e.label).join(', ')}. Leave every other event unticked: the portal does not need them.`,
    'Leave "Exclude body" unticked: the portal reads from the body which issues changed (never their figures).',
    'Select Create. Jira signs every delivery with the secret; the portal refuses any delivery that is not signed with it.',
    "Check the portfolio's Jira settings: events show as live after the first change in a linked project.",
    'When projects are linked to or unlinked from the portfolio, edit the webhook in Jira and replace the JQL with the one the portal then shows; then press “I’ve entered it in Jira” on this page.',
  ]
  if (facts.url.startsWith('http://')) {
    steps.push(
      'Jira Cloud must reach this URL over the internet: serve the portal over https (set PORTAL_PUBLIC_URL) before relying on it.',
    )
  }
  return steps
}
