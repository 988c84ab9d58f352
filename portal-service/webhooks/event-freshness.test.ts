// Whether events are flowing: live, waiting, events stopped, polling only.
import { DEFAULT_QUIET_MS, eventFreshness } from './event-freshness.js'

const now = new Date('2026-11-25T12:00:00.000Z')
const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString()

test('no event source: polling only', () => {
  expect(eventFreshness(null, now)).toEqual({
    status: 'polling_only',
    label: 'polling only',
    lastDeliveryAt: null,
    refusedDeliveries: 0,
    since: null,
  })
})

test('a delivery within the quiet window: live', () => {
  const feed = {
    configuredAt: at(DEFAULT_QUIET_MS * 5),
    lastDeliveryAt: at(1000),
    refusedDeliveries: 2,
  }
  expect(eventFreshness(feed, now)).toMatchObject({
    status: 'live',
    label: 'live',
    refusedDeliveries: 2,
    since: feed.lastDeliveryAt,
  })
  expect(eventFreshness({ ...feed, lastDeliveryAt: at(DEFAULT_QUIET_MS) }, now).status).toBe('live')
})

test('nothing for longer than the window: events stopped, since the last delivery', () => {
  const last = at(DEFAULT_QUIET_MS + 1)
  expect(
    eventFreshness(
      { configuredAt: at(DEFAULT_QUIET_MS * 9), lastDeliveryAt: last, refusedDeliveries: 0 },
      now,
    ),
  ).toMatchObject({
    status: 'events_stopped',
    label: `events stopped ${last}`,
    since: last,
  })
})

test('just configured: waiting; never delivered for a while: stopped since configuration', () => {
  expect(
    eventFreshness({ configuredAt: at(5000), lastDeliveryAt: null, refusedDeliveries: 0 }, now),
  ).toMatchObject({
    status: 'waiting',
    label: 'waiting for the first event',
  })
  const configured = at(DEFAULT_QUIET_MS * 2)
  expect(
    eventFreshness({ configuredAt: configured, lastDeliveryAt: null, refusedDeliveries: 3 }, now),
  ).toMatchObject({
    status: 'events_stopped',
    label: `events stopped ${configured}`,
    refusedDeliveries: 3,
  })
})

test('the window can be set', () => {
  expect(
    eventFreshness(
      { configuredAt: at(60_000), lastDeliveryAt: at(30_000), refusedDeliveries: 0 },
      now,
      10_000,
    ).status,
  ).toBe('events_stopped')
})
