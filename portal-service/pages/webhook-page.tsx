// Integrations › Jira webhook: create it, show its URL, secret (once), events, JQL and Jira's steps; rotate or delete it.
import type { FC } from 'hono/jsx'
import type { WebhookView } from '../webhooks/webhook.service.js'
import { WEBHOOK_EVENTS } from '../webhooks/webhook-setup.js'
import { ConfirmDialog, DialogTrigger } from './components/confirm.js'
import { Copyable } from './components/copyable.js'
import { EventFlow } from './components/event-flow.js'
import { CsrfField, SubmitButton } from './components/form-controls.js'
import { formatDateTime, RelativeTime } from './components/relative-time.js'
import { SettingsFrame } from './components/settings-frame.js'
import type { PageConnection, PortfolioPage } from './page-context.js'

interface Props {
  page: PortfolioPage
  connection: PageConnection
  webhook: WebhookView | null
  /** Right after creating or rotating: the secret, shown this once, and the steps that include it. */
  revealed: { secret: string; instructions: string[] } | null
  now: Date
}

const labelOf = (name: string) => WEBHOOK_EVENTS.find((event) => event.name === name)?.label ?? name

const NoWebhook: FC<{ page: PortfolioPage; action: string }> = ({ page, action }) => (
  <section class="card" aria-labelledby="webhook-title">
    <h2 id="webhook-title">Jira webhook</h2>
    <p>
      Without a webhook the portal reads Jira on a schedule, so a change shows here minutes later. With one, Jira tells the portal which issues changed and the affected epics are read again
      within seconds. Jira only sends hints: figures are always read from Jira, and the schedule stays to catch what events miss.
    </p>
    <p class="muted">Creating it gives a URL, a secret and a JQL filter for a Jira administrator to enter on Jira’s System › WebHooks page. Nothing is written to Jira by the portal.</p>
    <form method="post" action={action}>
      <CsrfField token={page.csrfToken} />
      <SubmitButton busy="Creating the webhook…">Create webhook</SubmitButton>
    </form>
  </section>
)

export const WebhookPage: FC<Props> = ({ page, connection, webhook, revealed, now }) => {
  const base = `/portfolios/${page.portfolio.id}/settings/integrations`
  const action = `${base}/jira/webhook`
  return (
    <SettingsFrame page={page} tab="integrations" title="Jira webhook" connection={connection} crumbs={[{ label: 'Integrations', href: base }, { label: 'Jira webhook' }]}>
      {!webhook ? (
        <NoWebhook page={page} action={action} />
      ) : (
        <>
          {revealed ? (
            <section class="card secret-reveal" aria-labelledby="secret-title">
              <h2 id="secret-title">Copy the secret now</h2>
              <p>
                This is the only time the portal shows it. Enter it as the webhook’s <strong>Secret</strong> in Jira; the portal keeps it encrypted to check each delivery’s signature.
              </p>
              <p>
                <Copyable id="webhook-secret" value={revealed.secret} label="Secret" />
              </p>
            </section>
          ) : null}
          <section class="card" aria-labelledby="webhook-title">
            <div class="card-heading">
              <h2 id="webhook-title">Jira webhook</h2>
              <div class="card-actions">
                <DialogTrigger dialogId="rotate-webhook" href={`${action}/rotate`}>
                  Rotate secret
                </DialogTrigger>
                <DialogTrigger dialogId="delete-webhook" href={`${action}/delete`} class="button button-secondary">
                  Delete webhook
                </DialogTrigger>
              </div>
            </div>
            <dl class="details">
              <dt>Events</dt>
              <dd>
                <EventFlow events={connection.events} now={now} />
              </dd>
              <dt>URL</dt>
              <dd>
                <Copyable id="webhook-url" value={webhook.url} label="URL" />
              </dd>
              <dt>Secret</dt>
              <dd>
                {revealed ? 'Shown above, this once.' : <span class="token-hint">{webhook.secretHint}</span>} <span class="muted">(never shown again; rotate it to make a new one)</span>
              </dd>
              <dt>Issue events to tick</dt>
              <dd>{webhook.events.map(labelOf).join(', ')}</dd>
              <dt>JQL filter</dt>
              <dd>
                <Copyable id="webhook-jql" value={webhook.currentJql} label="JQL" />
                {webhook.jqlOutdated ? (
                  <div class="flag flag-warning" data-jql-outdated>
                    <p>
                      JQL out of date: projects were linked or unlinked since the webhook was set up. In Jira, replace the webhook’s JQL with the one above (it was <span class="key">{webhook.jql}</span>).
                    </p>
                    <form method="post" action={`${action}/jql`}>
                      <CsrfField token={page.csrfToken} />
                      <input type="hidden" name="jql" value={webhook.currentJql} />
                      <SubmitButton kind="secondary" busy="Saving…">I’ve entered it in Jira</SubmitButton>
                    </form>
                  </div>
                ) : null}
              </dd>
              <dt>Last delivery</dt>
              <dd>
                <RelativeTime iso={webhook.lastDeliveryAt} now={now} never="none yet" />
                {webhook.lastDeliveryAt ? <span class="muted"> ({formatDateTime(webhook.lastDeliveryAt)})</span> : null} · {webhook.deliveries} accepted
              </dd>
              <dt>Refused deliveries</dt>
              <dd data-refused>
                {webhook.refusedDeliveries}
                {webhook.lastRefusedAt ? <span class="muted"> (last <RelativeTime iso={webhook.lastRefusedAt} now={now} />: not signed with this webhook’s secret)</span> : null}
              </dd>
            </dl>
          </section>
          <section class="card" aria-labelledby="steps-title">
            <h2 id="steps-title">In Jira: System › WebHooks</h2>
            <p class="muted">A Jira administrator does this once; after a rotation, only the secret changes.</p>
            <ol class="instructions">
              {(revealed?.instructions ?? webhook.instructions).map((step) => (
                <li>{step}</li>
              ))}
            </ol>
          </section>
          <ConfirmDialog id="rotate-webhook" title="Rotate the webhook secret?" action={action} confirmLabel="Rotate secret" csrfToken={page.csrfToken} busy="Rotating…">
            <p>A new secret is made and shown once. The current one stops working at once: until the new one is entered in Jira, its deliveries are refused and figures come from the schedule.</p>
          </ConfirmDialog>
          <ConfirmDialog id="delete-webhook" title="Delete the Jira webhook?" action={`${action}/delete`} confirmLabel="Delete webhook" csrfToken={page.csrfToken} busy="Deleting…">
            <p>Its URL stops answering and figures come from the schedule only. Delete the webhook in Jira too (System › WebHooks), or Jira keeps trying to deliver.</p>
          </ConfirmDialog>
        </>
      )}
    </SettingsFrame>
  )
}
