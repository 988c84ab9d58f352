/**
 * @module
 * Whether events are flowing for a portfolio (DESIGN.md, "Freshness: events are hints"), in the
 * words every page shows: `live` (deliveries lately), `polling only` (no event source configured:
 * figures come from the schedule), `events stopped <time>` (configured, but nothing for a while),
 * and, right after configuration, `waiting for the first event`. Pure.
 */

export const EVENT_FLOW_STATES = ['live', 'waiting', 'events_stopped', 'polling_only'] as const
export type EventFlowState = (typeof EVENT_FLOW_STATES)[number]

/** Quiet longer than this and events count as stopped. A quiet site looks the same: the label says since when. */
export const DEFAULT_QUIET_MS = 60 * 60 * 1000

export interface EventFeedFacts {
  /** When the event source was configured (or last rotated). */
  configuredAt: string
  lastDeliveryAt: string | null
  refusedDeliveries: number
}

export interface EventFreshness {
  status: EventFlowState
  /** `live`, `polling only`, `events stopped <ISO time>`, `waiting for the first event`. */
  label: string
  lastDeliveryAt: string | null
  refusedDeliveries: number
  /** The time the label's state started from: the last delivery, or the configuration. */
  since: string | null
}

/** @param feed null when no event source is configured. */
export function eventFreshness(
  feed: EventFeedFacts | null,
  now: Date,
  quietMs = DEFAULT_QUIET_MS,
): EventFreshness {
  if (!feed) {
    return {
      status: 'polling_only',
      label: 'polling only',
      lastDeliveryAt: null,
      refusedDeliveries: 0,
      since: null,
    }
  }
  const { lastDeliveryAt, refusedDeliveries, configuredAt } = feed
  const base = { lastDeliveryAt, refusedDeliveries }
  const ago = (time: string) => now.getTime() - Date.parse(time)
  if (lastDeliveryAt && ago(lastDeliveryAt) <= quietMs) {
    return { ...base, status: 'live', label: 'live', since: lastDeliveryAt }
  }
  if (!lastDeliveryAt && ago(configuredAt) <= quietMs) {
    return { ...base, status: 'waiting', label: 'waiting for the first event', since: configuredAt }
  }
  const since = lastDeliveryAt ?? configuredAt
  return { ...base, status: 'events_stopped', label: `events stopped ${since}`, since }
}
