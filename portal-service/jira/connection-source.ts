/**
 * @module
 * Builds the `JiraSource` for a saved connection: its credential is unsealed only here, for
 * the life of the source, and never leaves it.
 */
import type { JiraRequestEvent } from '../../shared/jira/client.js'
import type { RetryPolicy } from '../../shared/jira/retry.js'
import type { SiteFacts } from '../../shared/jira/site-facts.js'
import type { SecretBox } from '../secrets/secret-box.js'
import { createApiTokenSource, type JiraTransport } from './api-token-source.js'
import { createForgeSource } from './forge-source.js'
import type { JiraConnection } from './jira-connection.table.js'
import type { JiraSource } from './jira-source.js'

/** Everything the portal needs to reach Jira: the HTTP transport and the box credentials sit in. */
export interface JiraAccess {
  box: SecretBox
  transport: JiraTransport
  /** JIRA_ALLOW_INSECURE: http:// and private addresses allowed (sandbox, demo, tests). */
  allowInsecure: boolean
}

/** What a sealed credential is bound to: it opens only for its own portfolio's connection. */
export function credentialContext(portfolioId: string): string {
  return `jira-connection:${portfolioId}`
}

export interface SourceRequestOptions {
  facts?: SiteFacts
  onRequest?: (event: JiraRequestEvent) => void
  signal?: AbortSignal
  retry?: Partial<RetryPolicy>
}

export function sourceForConnection(
  connection: JiraConnection,
  access: JiraAccess,
  options: SourceRequestOptions = {},
): JiraSource {
  const credential = access.box.open(connection.credentialSealed, credentialContext(connection.portfolioId))
  if (connection.mode === 'api_token') {
    return createApiTokenSource(
      {
        siteUrl: connection.siteUrl,
        authRoute: connection.authRoute,
        cloudId: connection.cloudId,
        accountEmail: connection.accountEmail ?? '',
        apiToken: credential,
      },
      access.transport,
      options,
    )
  }
  // Forge mode: the sealed credential is the secret shared with the app's web trigger.
  if (!connection.webTriggerUrl) throw new Error('This Forge connection has no web trigger URL')
  return createForgeSource({ webTriggerUrl: connection.webTriggerUrl, secret: credential }, access.transport, options)
}
