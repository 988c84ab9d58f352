/**
 * @module
 * The shared `JiraReader` as the app (`asApp`, the only identity a web trigger has), with the
 * time limits of one Forge invocation: web triggers may run 55 s and resolvers 25 s, so each
 * reading gets a deadline well inside that, short timeouts and at most one quick retry. Longer
 * waits (a long `Retry-After`) are left to the caller, who can try again later.
 */
import { JiraClient } from '../../shared/jira/client.js'
import { JiraError } from '../../shared/jira/errors.js'
import { JiraReader } from '../../shared/jira/reader.js'
import type { SiteFacts } from '../../shared/jira/site-facts.js'
import { forgeRequester } from './forge-requester.js'

export interface InvocationBudget {
  /** Everything this invocation reads from Jira must be done by then. */
  deadlineMs: number
  /** Per Jira request. */
  timeoutMs: number
}

/** Web triggers run at most 55 s: leave room to answer. */
export const WEB_TRIGGER_BUDGET: InvocationBudget = { deadlineMs: 40_000, timeoutMs: 10_000 }
/** Resolvers run at most 25 s. */
export const RESOLVER_BUDGET: InvocationBudget = { deadlineMs: 18_000, timeoutMs: 8_000 }

export interface AppReading {
  reader: JiraReader
  /**
   * Runs `read`; if the deadline cuts it short, the failure is a `timeout` JiraError rather
   * than whatever the aborted request threw.
   */
  within<T>(read: () => Promise<T>): Promise<T>
}

/** A reader for one invocation; `facts` the caller already knows spare two Jira calls. */
export function appReading(budget: InvocationBudget, facts?: SiteFacts): AppReading {
  const deadline = AbortSignal.timeout(budget.deadlineMs)
  const client = new JiraClient({
    requester: forgeRequester('app'),
    timeoutMs: budget.timeoutMs,
    retry: { maxRetries: 1, baseDelayMs: 1_000, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 },
    signal: deadline,
  })
  return {
    reader: new JiraReader(client, facts ? { facts } : {}),
    async within(read) {
      try {
        return await read()
      } catch (error) {
        if (deadline.aborted) {
          throw new JiraError('timeout', `Jira did not answer within the app's ${budget.deadlineMs / 1000} s budget`, { cause: error })
        }
        throw error
      }
    },
  }
}
