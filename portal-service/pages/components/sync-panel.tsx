// How fresh the Jira figures are and whether Jira events are flowing, and "Refresh from Jira" for those allowed to ask for a sync.
import type { FC } from 'hono/jsx'
import type { ConnectionView } from '../../jira/jira-connection.service.js'
import type { EventFreshness } from '../../webhooks/event-freshness.js'
import { EventFlow } from './event-flow.js'
import { CsrfField } from './form-controls.js'
import { HealthLozenge } from './lozenge.js'
import { RelativeTime } from './relative-time.js'

interface Props {
  portfolioId: string
  connection: ConnectionView
  canRefresh: boolean
  csrfToken: string
  /** Where to come back to after the refresh. */
  returnTo: string
  now: Date
  /** Whether events are flowing (DESIGN.md, "Freshness: events are hints"). */
  events: EventFreshness
}

export const SyncPanel: FC<Props> = ({ portfolioId, connection, canRefresh, csrfToken, returnTo, now, events }) => (
  <div class="sync-panel">
    <p>
      <span class="muted">Jira figures read </span>
      <RelativeTime iso={connection.lastSyncAt} now={now} never="not yet" /> <HealthLozenge status={connection.health.status} />
      <span class="muted"> · Jira events </span>
      <EventFlow events={events} now={now} />
    </p>
    {canRefresh ? (
      <form method="post" action={`/portfolios/${portfolioId}/jira/sync`}>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" class="button button-secondary" data-busy="Refreshing from Jira…">
          Refresh from Jira
        </button>
      </form>
    ) : null}
  </div>
)
