/**
 * @module
 * Runs one authenticated, parsed portal request (shared/contract/operations.ts) through the
 * shared `JiraReader` as the app, inside the allow-list: lists are filtered to allowed
 * projects, and questions about other projects are refused with `not_allowed` before Jira is
 * asked. Jira's failures travel back as their kind, so the portal rebuilds the same `JiraError`.
 */
import { getAppContext } from '@forge/api'
import { failureStatus, type OperationFailure } from '../../shared/contract/answers.js'
import { CONTRACT_VERSION, type OperationData, type PortalRequest } from '../../shared/contract/operations.js'
import { isJiraError } from '../../shared/jira/errors.js'
import type { JiraAccount } from '../../shared/jira/records.js'
import { AllowedScope, NotAllowedError } from '../jira/allowed-scope.js'
import { appReading, WEB_TRIGGER_BUDGET, type AppReading } from '../jira/app-reader.js'
import { secretFingerprint } from '../../shared/contract/secret.js'
import { readAllowList } from '../storage/allow-list.js'
import { writePortalEvents } from '../storage/portal-events.js'
import { readPortalSecret } from '../storage/portal-secret.js'
import { searchAllowedProjects } from './allowed-projects.js'

export interface PortalAnswer {
  status: number
  body: unknown
}

/** Where the invocation runs, as the platform tells the handler. */
export interface InvocationSite {
  cloudId: string | null
}

/**
 * The portal asks who it reads Jira as. Here that is the app itself; Jira's `/myself` would
 * need the `read:jira-user` scope for nothing more than a name, so the app answers from its
 * own context and the manifest keeps the fewest scopes.
 */
function appAccount(): JiraAccount {
  return {
    accountId: getAppContext().appAri.toString(),
    displayName: 'Portfolio Bridge (Forge app)',
    emailAddress: null,
    timeZone: null,
  }
}

/** Remembers where to forward change notices; the key id lets the portal find the secret to check them with. */
async function subscribeEvents(eventsUrl: string): Promise<OperationData<'subscribeEvents'>> {
  const secret = await readPortalSecret()
  // The request was verified with the secret, so it exists; this only satisfies the types.
  if (!secret) throw new Error('No portal secret is stored')
  const stored = await writePortalEvents(eventsUrl, new Date())
  return { eventsUrl: stored.url, keyId: await secretFingerprint(secret), subscribedAt: stored.subscribedAt }
}

async function answer(request: PortalRequest, site: InvocationSite, jira: AppReading): Promise<OperationData<typeof request.operation>> {
  const { reader } = jira
  const allowList = await readAllowList()
  const scope = new AllowedScope(allowList.projects, reader)
  switch (request.operation) {
    case 'ping': {
      const { baseUrl } = await reader.client.serverInfo()
      return {
        app: 'portfolio-bridge',
        contractVersion: CONTRACT_VERSION,
        allowList: allowList.projects,
        siteUrl: baseUrl.replace(/\/+$/, '') || null,
        cloudId: site.cloudId,
      }
    }
    case 'account':
      return appAccount()
    case 'searchProjects':
      return searchAllowedProjects(scope, reader, request)
    case 'projects': {
      const ids = request.ids.filter((id) => scope.allows(id))
      return ids.length === 0 ? [] : reader.projects(ids)
    }
    case 'projectsByKeys':
      return scope.onlyAllowedProjects(await reader.projectsByKeys(request.keys))
    case 'siteFacts':
      return reader.siteFacts()
    case 'searchEpics':
      await scope.requireProjectKeys(request.projectKeys)
      return reader.searchEpics(request)
    case 'epics':
      return scope.onlyAllowedIssues(await reader.epics(request.idsOrKeys))
    case 'children':
      await scope.requireEpics(request.epicIds)
      return reader.children(request)
    case 'changes':
      await scope.requireProjectKeys(request.projectKeys)
      return reader.changes(request)
    case 'subscribeEvents':
      return subscribeEvents(request.eventsUrl)
  }
}

function failure(error: OperationFailure['error']): PortalAnswer {
  return { status: failureStatus(error.kind), body: { ok: false, error } }
}

/**
 * The answer to one request: 200 with `{ok: true, data}`, or the failure envelope.
 * @throws anything that is neither a Jira failure nor a refusal, so Forge records the invocation as failed.
 */
export async function runPortalOperation(request: PortalRequest, site: InvocationSite): Promise<PortalAnswer> {
  const facts = 'facts' in request ? request.facts : undefined
  const jira = appReading(WEB_TRIGGER_BUDGET, facts)
  try {
    return { status: 200, body: { ok: true, data: await jira.within(() => answer(request, site, jira)) } }
  } catch (error) {
    if (error instanceof NotAllowedError) return failure({ kind: 'not_allowed', message: error.message })
    if (isJiraError(error)) {
      return failure({
        kind: error.kind,
        message: error.message,
        ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: Math.max(0, Math.round(error.retryAfterMs)) }),
        ...(error.jiraMessages.length === 0 ? {} : { jiraMessages: error.jiraMessages.slice(0, 50) }),
      })
    }
    throw error
  }
}
