/**
 * @module
 * Where this installation forwards change notices: the portal's delivery URL, registered by the
 * portal itself with a signed `subscribeEvents` request when a manager saves the connection.
 * Manifest variables (`${PORTAL_ORIGIN}`) exist only while the Forge CLI reads manifest.yml, not
 * at run time (docs: Forge "Manifest variables"), so the exact URL is kept here; the platform's
 * egress rule, made from that variable at deploy time, bounds where it may point.
 */
import { kvs } from '@forge/kvs'
import { z } from 'zod'

const PORTAL_EVENTS_KEY = 'portal-events'

const portalEventsSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2_000),
  subscribedAt: z.iso.datetime(),
})

export type PortalEvents = z.infer<typeof portalEventsSchema>

/** The registered delivery URL, or null before any portal subscribed (or after it said it is gone). */
export async function readPortalEvents(): Promise<PortalEvents | null> {
  const stored = await kvs.get<unknown>(PORTAL_EVENTS_KEY)
  if (stored === undefined) return null
  const parsed = portalEventsSchema.safeParse(stored)
  return parsed.success ? parsed.data : null
}

/** Replaces the registration: one portal per installation (the egress allows only one). */
export async function writePortalEvents(url: string, at: Date): Promise<PortalEvents> {
  const value = portalEventsSchema.parse({ url, subscribedAt: at.toISOString() })
  await kvs.set(PORTAL_EVENTS_KEY, value)
  return value
}

/** Forgets the registration, so events stop costing a call until a portal subscribes again. */
export async function clearPortalEvents(): Promise<void> {
  try {
    await kvs.delete(PORTAL_EVENTS_KEY)
  } catch {
    // Already gone: nothing to forget.
  }
}
