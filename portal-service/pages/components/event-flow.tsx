// Whether Jira events are flowing, in the words every page with Jira data uses: live, waiting, events stopped <time>, polling only.
import type { FC } from 'hono/jsx'
import type { EventFreshness } from '../../webhooks/event-freshness.js'
import { formatAgo, formatDateTime } from './relative-time.js'

const TONES: Record<EventFreshness['status'], string> = {
  live: 'lozenge-done',
  waiting: 'lozenge-progress',
  events_stopped: 'lozenge-at-risk',
  polling_only: 'lozenge-todo',
}

/** The words, with the time events stopped as people read it (the exact time on hover). */
export function eventFlowWords(events: EventFreshness): string {
  switch (events.status) {
    case 'live':
      return 'live'
    case 'waiting':
      return 'waiting for the first event'
    case 'polling_only':
      return 'polling only'
    case 'events_stopped':
      return events.since ? `events stopped ${formatDateTime(events.since)}` : 'events stopped'
  }
}

/** Why the state matters, for the title: events make figures fresh in seconds, the schedule stays either way. */
const EXPLAINED: Record<EventFreshness['status'], string> = {
  live: 'Jira tells the portal about changes: figures are read again within seconds.',
  waiting: 'Set up, but no change has arrived yet. Figures come from the schedule meanwhile.',
  events_stopped: 'Nothing has arrived for a while: check the webhook or the Forge app. Figures come from the schedule meanwhile.',
  polling_only: 'No Jira events are set up: figures are read on a schedule.',
}

export const EventFlow: FC<{ events: EventFreshness; now: Date }> = ({ events, now }) => (
  <span class="event-flow" data-events={events.status} title={EXPLAINED[events.status]}>
    <span class={`lozenge ${TONES[events.status]}`}>{eventFlowWords(events)}</span>
    {events.status === 'live' && events.lastDeliveryAt ? <span class="muted"> last {formatAgo(events.lastDeliveryAt, now)}</span> : null}
  </span>
)
