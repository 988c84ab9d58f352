/**
 * @module
 * Bounds how many requests one client has in flight at once (DESIGN.md: 5–10 per site),
 * so a sync of many epics never floods Jira however many batches it starts.
 */

export class Limiter {
  #active = 0
  readonly #waiting: Array<() => void> = []

  constructor(readonly maxConcurrent: number) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
      throw new RangeError('maxConcurrent must be a positive integer')
    }
  }

  get active(): number {
    return this.#active
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.maxConcurrent) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve))
    } else {
      this.#active++
    }
    try {
      return await task()
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = this.#waiting.shift()
      if (next) next()
      else this.#active--
    }
  }
}
