// Delivers admin webhooks the way Jira Cloud does: for each issue event, every enabled webhook
// that ticks the event and whose JQL matches the issue (as it was at the event) gets a signed
// POST, sent asynchronously. Jira retries on 408, 409, 425, 429, 5xx and network failures, with
// `X-Atlassian-Webhook-Retry` and the same `X-Atlassian-Webhook-Identifier` (developer community,
// "New Jira Cloud Webhook Retry Policy"). Faults drop, duplicate, delay or fail deliveries.
import { createHmac, randomUUID } from 'node:crypto'
import type { JqlEngine } from '../jql/jql-engine.js'
import type { IssueEvent } from '../model/issue-events.js'
import type { SandboxStore } from '../store.js'
import type {
  NewWebhook,
  SandboxWebhook,
  WebhookControl,
  WebhookDeliveryLogEntry,
  WebhookFaultRule,
} from '../types.js'
import { eventIssue, webhookEventName, webhookPayload } from './webhook-payload.js'

const RETRIED = new Set([408, 409, 425, 429])
const ATTEMPT_TIMEOUT_MS = 10_000

export interface DispatcherOptions {
  store: SandboxStore
  engine: JqlEngine
  siteUrl(): string
  fetch?: typeof fetch
  retryDelaysMs?: number[]
}

interface ActiveFault {
  id: string
  rule: WebhookFaultRule
  left: number
}

export class WebhookDispatcher implements WebhookControl {
  readonly deliveries: WebhookDeliveryLogEntry[] = []
  private readonly inFlight = new Set<Promise<void>>()
  private faults: ActiveFault[] = []
  private nextFault = 1
  private changelogId = 10_000
  private closed = false
  private readonly unsubscribe: () => void

  constructor(private readonly options: DispatcherOptions) {
    this.unsubscribe = options.store.issueEvents.on((event) => this.onEvent(event))
  }

  register(input: NewWebhook): SandboxWebhook {
    return this.options.store.registerWebhook(input)
  }

  list(): SandboxWebhook[] {
    return this.options.store.webhooks()
  }

  remove(id: string): void {
    this.options.store.removeWebhook(id)
  }

  clearDeliveries(): void {
    this.deliveries.length = 0
  }

  addFault(rule: WebhookFaultRule): string {
    if (!['drop', 'duplicate', 'delay', 'fail'].includes(rule.kind)) {
      throw new Error(`Unknown webhook fault kind '${String(rule.kind)}'`)
    }
    const id = `webhook-fault-${this.nextFault++}`
    this.faults.push({ id, rule, left: rule.times ?? 1 })
    return id
  }

  clearFaults(): void {
    this.faults = []
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  /** Stops delivering: what is pending is abandoned (the sandbox is closing). */
  close(): void {
    this.closed = true
    this.unsubscribe()
  }

  private onEvent(event: IssueEvent): void {
    const { store, engine } = this.options
    const record = eventIssue(event)
    const name = webhookEventName(event)
    const admin = store.accountRegistry.all().find((a) => a.siteAdmin) ?? null
    for (const webhook of store.webhooks()) {
      if (!webhook.enabled || !webhook.events.includes(name)) continue
      if (webhook.jql !== '') {
        // Evaluated now, on the issue as the event left it (as it was, for a deletion).
        const outcome = engine.matches({ jql: webhook.jql, account: admin, now: event.at }, record)
        if (!outcome.ok || !outcome.matches) continue
      }
      const body = JSON.stringify(
        webhookPayload(event, {
          store,
          siteUrl: this.options.siteUrl(),
          actor: admin,
          changelogId: this.changelogId++,
        }),
      )
      const entry: WebhookDeliveryLogEntry = {
        identifier: randomUUID(),
        webhookId: webhook.id,
        url: webhook.url,
        webhookEvent: name,
        issueId: String(record.id),
        issueKey: record.key,
        eventAt: new Date(event.at),
        body,
        copy: false,
        attempts: [],
        outcome: 'pending',
      }
      this.deliveries.push(entry)
      this.schedule(entry, webhook, this.takeFault(entry))
    }
  }

  private takeFault(entry: WebhookDeliveryLogEntry): WebhookFaultRule | undefined {
    const fault = this.faults.find(
      ({ rule, left }) =>
        left > 0 &&
        (!rule.match?.event || rule.match.event === entry.webhookEvent) &&
        (!rule.match?.issue ||
          rule.match.issue === entry.issueKey ||
          rule.match.issue === entry.issueId),
    )
    if (!fault) return undefined
    fault.left--
    if (fault.left === 0) this.faults = this.faults.filter((f) => f !== fault)
    return fault.rule
  }

  private schedule(
    entry: WebhookDeliveryLogEntry,
    webhook: SandboxWebhook,
    fault: WebhookFaultRule | undefined,
  ): void {
    if (fault?.kind === 'drop') {
      entry.outcome = 'dropped'
      return
    }
    const delayMs = fault?.kind === 'delay' ? fault.ms : 0
    this.track(this.send(entry, webhook, delayMs, fault?.kind === 'fail'))
    if (fault?.kind === 'duplicate') {
      const copy: WebhookDeliveryLogEntry = {
        ...entry,
        copy: true,
        attempts: [],
        outcome: 'pending',
      }
      this.deliveries.push(copy)
      this.track(this.send(copy, webhook, 5, false))
    }
  }

  private track(promise: Promise<void>): void {
    const tracked = promise.finally(() => this.inFlight.delete(tracked))
    this.inFlight.add(tracked)
  }

  private async send(
    entry: WebhookDeliveryLogEntry,
    webhook: SandboxWebhook,
    delayMs: number,
    failing: boolean,
  ): Promise<void> {
    // Always asynchronous: the change that caused it returns first, as in Jira.
    await sleep(delayMs)
    const delays = this.options.retryDelaysMs ?? [50, 200, 800]
    for (let attempt = 0; attempt <= delays.length && !this.closed; attempt++) {
      if (attempt > 0) await sleep(delays[attempt - 1]!)
      const status = failing ? 0 : await this.post(entry, webhook, attempt)
      if (failing)
        entry.attempts.push({ at: new Date(), status: 0, error: 'connection failed (injected)' })
      if (status >= 200 && status < 300) {
        entry.outcome = 'delivered'
        return
      }
      // Anything else but the retried statuses is final: Jira does not retry a 4xx like 400 or 401.
      if (status !== 0 && status < 500 && !RETRIED.has(status)) break
    }
    entry.outcome = 'failed'
  }

  private async post(
    entry: WebhookDeliveryLogEntry,
    webhook: SandboxWebhook,
    retry: number,
  ): Promise<number> {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Atlassian Webhook HTTP Client',
      'x-atlassian-webhook-identifier': entry.identifier,
      'x-atlassian-webhook-flow': 'Primary',
    }
    if (webhook.secret)
      headers['x-hub-signature'] =
        `sha256=${createHmac('sha256', webhook.secret).update(entry.body).digest('hex')}`
    if (retry > 0) headers['x-atlassian-webhook-retry'] = String(retry)
    const at = new Date()
    try {
      const response = await (this.options.fetch ?? fetch)(webhook.url, {
        method: 'POST',
        headers,
        body: entry.body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      })
      await response.arrayBuffer().catch(() => undefined)
      entry.attempts.push({ at, status: response.status })
      return response.status
    } catch (error) {
      entry.attempts.push({
        at,
        status: 0,
        error: error instanceof Error ? error.message : String(error),
      })
      return 0
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
