// Issue changes the store announces as they happen, so admin webhooks can deliver what Jira would.
import type { IssueRecord } from './records.js'

export type IssueEventKind = 'created' | 'updated' | 'deleted'

export interface IssueEvent {
  kind: IssueEventKind
  /** The issue before the change (null when created). */
  before: IssueRecord | null
  /** The issue after the change (null when deleted). */
  after: IssueRecord | null
  /** Epoch ms on the sandbox clock. */
  at: number
}

export type IssueEventListener = (event: IssueEvent) => void

export class IssueEvents {
  private readonly listeners = new Set<IssueEventListener>()

  /** @returns a function that stops listening. */
  on(listener: IssueEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(event: IssueEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
