// The site's admin webhooks (System > WebHooks): URL, secret, events and a JQL filter each.
import type { NewWebhook, SandboxWebhook, WebhookEventName } from '../types.js'
import { checkWebhookJql } from './webhook-jql.js'

export const WEBHOOK_EVENT_NAMES: readonly WebhookEventName[] = [
  'jira:issue_created',
  'jira:issue_updated',
  'jira:issue_deleted',
]

export class WebhookRegistry {
  private readonly byId = new Map<string, SandboxWebhook>()
  private nextId = 1

  /** Refuses what Jira's form refuses: no URL, unknown events, JQL outside the webhook subset. */
  add(input: NewWebhook): SandboxWebhook {
    let url: URL
    try {
      url = new URL(input.url)
    } catch {
      throw new Error(`Not a URL: '${input.url}'`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error('A webhook URL must be http or https')
    const events = [...new Set(input.events)]
    const unknown = events.filter((e) => !WEBHOOK_EVENT_NAMES.includes(e))
    if (events.length === 0 || unknown.length > 0) {
      throw new Error(`Unknown webhook events: ${unknown.join(', ') || '(none given)'}`)
    }
    const jql = (input.jql ?? '').trim()
    checkWebhookJql(jql)
    const webhook: SandboxWebhook = {
      id: String(this.nextId++),
      name: input.name ?? `Webhook ${this.nextId - 1}`,
      url: url.toString(),
      secret: input.secret ?? null,
      events,
      jql,
      enabled: input.enabled ?? true,
    }
    this.byId.set(webhook.id, webhook)
    return { ...webhook }
  }

  remove(id: string): void {
    if (!this.byId.delete(id)) throw new Error(`No webhook '${id}'`)
  }

  all(): SandboxWebhook[] {
    return [...this.byId.values()].map((w) => ({ ...w }))
  }
}
