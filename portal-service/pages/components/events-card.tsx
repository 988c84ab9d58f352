// Integrations › "Jira events": whether they flow, and (managers) the Jira webhook or the Forge app's subscription behind them.
import type { FC } from 'hono/jsx'
import type { ForgeEventFeedView } from '../../forge-events/forge-event-subscription.js'
import type { WebhookView } from '../../webhooks/webhook.service.js'
import type { PageConnection, PortfolioPage } from '../page-context.js'
import { EventFlow } from './event-flow.js'
import { CsrfField, SubmitButton } from './form-controls.js'
import { RelativeTime } from './relative-time.js'

interface Props {
  page: PortfolioPage
  connection: PageConnection
  /** Managers of an API-token connection: the webhook, or null when there is none. */
  webhook?: WebhookView | null | undefined
  /** Managers of a Forge connection: the app's subscription, or null when it does not forward events. */
  forgeFeed?: ForgeEventFeedView | null | undefined
  now: Date
}

const Counts: FC<{ lastDeliveryAt: string | null; refused: number; now: Date }> = ({ lastDeliveryAt, refused, now }) => (
  <p class="muted">
    Last delivery <RelativeTime iso={lastDeliveryAt} now={now} never="none yet" /> · <span data-refused>{refused}</span> refused (not signed with the right secret, too old, or replayed)
  </p>
)

export const EventsCard: FC<Props> = ({ page, connection, webhook, forgeFeed, now }) => {
  const jira = `/portfolios/${page.portfolio.id}/settings/integrations/jira`
  const { events } = connection
  return (
    <section class="card" aria-labelledby="events-title">
      <div class="card-heading">
        <h2 id="events-title">Jira events</h2>
        <EventFlow events={events} now={now} />
      </div>
      {connection.mode === 'api_token' ? (
        <>
          <p>A Jira webhook tells the portal which issues changed, so their epics are read again within seconds. Without one, figures are read on a schedule.</p>
          {webhook === undefined ? (
            events.status === 'polling_only' ? null : <Counts lastDeliveryAt={events.lastDeliveryAt} refused={events.refusedDeliveries} now={now} />
          ) : webhook ? (
            <>
              <Counts lastDeliveryAt={webhook.lastDeliveryAt} refused={webhook.refusedDeliveries} now={now} />
              {webhook.jqlOutdated ? <p class="flag flag-warning">JQL out of date: linked projects changed since the webhook was set up.</p> : null}
              <a class="button button-secondary" href={`${jira}/webhook`}>
                Manage the Jira webhook
              </a>
            </>
          ) : (
            <a class="button button-primary" href={`${jira}/webhook`}>
              Set up the Jira webhook
            </a>
          )}
        </>
      ) : (
        <>
          <p>The Forge app forwards Jira’s issue events for the projects on its allow-list, signed with the shared secret; their epics are read again within seconds.</p>
          {forgeFeed === undefined ? (
            events.status === 'polling_only' ? null : <Counts lastDeliveryAt={events.lastDeliveryAt} refused={events.refusedDeliveries} now={now} />
          ) : (
            <>
              {forgeFeed ? (
                <>
                  <p>
                    Forwarded to <code class="copyable">{forgeFeed.eventsUrl}</code>
                  </p>
                  <Counts lastDeliveryAt={forgeFeed.lastDeliveryAt} refused={forgeFeed.refusedDeliveries} now={now} />
                </>
              ) : (
                <p class="muted">The app does not forward events to this portal yet: it may be an older version, or it could not be reached when the connection was saved.</p>
              )}
              <form method="post" action={`${jira}/forge-events`}>
                <CsrfField token={page.csrfToken} />
                <SubmitButton kind="secondary" busy="Asking the Forge app…">
                  {forgeFeed ? 'Subscribe again' : 'Ask the app to forward events'}
                </SubmitButton>
              </form>
            </>
          )}
        </>
      )}
    </section>
  )
}
