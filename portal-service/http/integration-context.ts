// The Jira integration's dependencies, taken from the request's injected app dependencies.
import type { IntegrationDeps } from '../jira/integration-deps.js'
import type { Logger } from '../log/logger.js'
import type { AppDeps } from './app-env.js'

interface RequestContext {
  get(key: 'deps'): AppDeps
  get(key: 'log'): Logger
}

export function integrationDeps(c: RequestContext): IntegrationDeps {
  const { db, clock, jira, sync } = c.get('deps')
  return { db, clock, log: c.get('log'), jira, sync }
}
