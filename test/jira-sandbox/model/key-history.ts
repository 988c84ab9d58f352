// Keys issues had before a move or a project key change: Jira keeps resolving them to the issue.
import type { IssueRecord } from './records.js'

export class KeyHistory {
  private readonly idByOldKey = new Map<string, number>()
  private readonly oldKeysById = new Map<number, string[]>()

  /** Call with the record as it was, before its key changes. */
  remember(record: IssueRecord): void {
    const key = record.key.toUpperCase()
    this.idByOldKey.set(key, record.id)
    const keys = this.oldKeysById.get(record.id)
    if (keys) keys.push(key)
    else this.oldKeysById.set(record.id, [key])
  }

  resolve(key: string): number | undefined {
    return this.idByOldKey.get(key.toUpperCase())
  }

  forget(id: number): void {
    for (const key of this.oldKeysById.get(id) ?? []) this.idByOldKey.delete(key)
    this.oldKeysById.delete(id)
  }
}
