/**
 * @module
 * What the portal may ask the web trigger, and the answers. Only `ping` exists yet (the portal's
 * "test connection"); the Jira operations arrive with shared/contract/operations.ts, whose
 * schemas replace the local one here.
 */
import { z } from 'zod'
import { readAllowList, type AllowedProject } from '../storage/allow-list.js'

export const portalRequestSchema = z.discriminatedUnion('operation', [z.strictObject({ operation: z.literal('ping') })])

export type PortalRequest = z.infer<typeof portalRequestSchema>

export interface PingAnswer {
  ok: true
  app: 'portfolio-bridge'
  allowList: AllowedProject[]
}

/** Runs one authenticated, parsed request and returns the body of a 200 answer. */
export async function runPortalOperation(request: PortalRequest): Promise<PingAnswer> {
  switch (request.operation) {
    case 'ping':
      return { ok: true, app: 'portfolio-bridge', allowList: (await readAllowList()).projects }
  }
}
