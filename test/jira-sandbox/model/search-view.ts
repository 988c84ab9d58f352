// What JQL search sees: the live index, or with a lag, a second index that applies each change only
// `lagMs` real milliseconds after it was made (Jira's search is eventually consistent).
import { IssueIndex } from './issue-index.js'
import type { IssueRecord } from './records.js'

interface PendingChange {
  at: number
  id: number
  record: IssueRecord | null
}

export class SearchView {
  private readonly indexed: IssueIndex
  private readonly pending: PendingChange[] = []
  private head = 0

  constructor(
    private readonly live: IssueIndex,
    private readonly lagMs: number,
  ) {
    this.indexed = lagMs > 0 ? live.clone() : live
  }

  /** Called after the live index changed; `immediate` skips the lag (data loaded at start). */
  changed(id: number, record: IssueRecord | null, immediate = false): void {
    if (this.indexed === this.live) return
    if (immediate) return this.apply(id, record)
    this.pending.push({ at: Date.now() + this.lagMs, id, record })
  }

  /** The index as search sees it now. */
  index(): IssueIndex {
    this.drain(Date.now())
    return this.indexed
  }

  /** Make every pending change visible at once. */
  flush(): void {
    this.drain(Number.POSITIVE_INFINITY)
  }

  get pendingCount(): number {
    return this.pending.length - this.head
  }

  private drain(now: number): void {
    while (this.head < this.pending.length) {
      const change = this.pending[this.head]!
      if (change.at > now) break
      this.apply(change.id, change.record)
      this.head++
    }
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head)
      this.head = 0
    }
  }

  private apply(id: number, record: IssueRecord | null): void {
    if (record) this.indexed.put(record)
    else this.indexed.remove(id)
  }
}
