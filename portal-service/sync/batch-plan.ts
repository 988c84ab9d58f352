/**
 * @module
 * Groups epics into children queries for a full read (DESIGN.md, Sync: many epics per query,
 * the largest pages). Pure. Jira pages each query separately, so every query's last page is
 * partly empty: a call wasted. Packing by the child counts of the last read makes every query
 * but one come out at a whole number of pages, and the queries about equal for the parallel
 * chains, so a full read costs close to the fewest calls possible: pages for all the children.
 */

export interface PlannedEpic {
  id: string
  /** Children at the last read; null when never read (it then counts as none). */
  expected: number | null
}

export interface BatchPlanOptions {
  /** Queries read side by side: the batch count is a multiple of it, so the rounds stay even. */
  chains: number
  /** Epics per query at most (Jira refuses lists of over 1,000 values). */
  maxPerBatch: number
  /** Issues per page of a children query. */
  pageSize: number
}

interface Batch {
  items: { id: string; weight: number }[]
  sum: number
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Indices of `weights` whose sum is exactly `target` (a 0/1 subset sum), or null. */
export function subsetSumming(weights: readonly number[], target: number): number[] | null {
  if (target === 0) return []
  const via = new Int32Array(target + 1).fill(-1)
  const reached = new Uint8Array(target + 1)
  reached[0] = 1
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!
    if (w <= 0 || w > target) continue
    for (let s = target; s >= w; s--) {
      if (!reached[s] && reached[s - w]) {
        reached[s] = 1
        via[s] = i
      }
    }
    if (reached[target]) break
  }
  if (!reached[target]) return null
  const picked: number[] = []
  for (let s = target; s > 0; s -= weights[via[s]!]!) picked.push(via[s]!)
  return picked
}

/** Moves the items at `indices` of `from` into `to`. */
function move(from: Batch, to: Batch, indices: readonly number[]): void {
  const leaving = new Set(indices)
  const moved = from.items.filter((_, i) => leaving.has(i))
  from.items = from.items.filter((_, i) => !leaving.has(i))
  for (const item of moved) {
    from.sum -= item.weight
    to.sum += item.weight
    to.items.push(item)
  }
}

/** Makes `batch`'s sum a whole number of pages by trading epics with `sink`, when some fit. */
function squareUp(batch: Batch, sink: Batch, options: BatchPlanOptions): void {
  const residue = batch.sum % options.pageSize
  if (residue === 0) return
  const out = subsetSumming(batch.items.map((i) => i.weight), residue)
  if (out && sink.items.length + out.length <= options.maxPerBatch) return move(batch, sink, out)
  const back = subsetSumming(sink.items.map((i) => i.weight), options.pageSize - residue)
  if (back && batch.items.length + back.length <= options.maxPerBatch) move(sink, batch, back)
}

/**
 * Splits `epics` into batches (each a list of epic ids) for children queries, biggest first.
 * Every epic lands in exactly one batch of at most `maxPerBatch`.
 */
export function planBatches(epics: readonly PlannedEpic[], options: BatchPlanOptions): string[][] {
  if (epics.length === 0) return []
  const chains = Math.max(1, options.chains)
  const weighted = epics.map((e) => ({ id: e.id, weight: Math.max(0, Math.round(e.expected ?? 0)) }))
  const total = weighted.reduce((sum, e) => sum + e.weight, 0)
  // When batches would hold less than a page each (few children, or none known yet), packing
  // saves nothing: plain batches of epics in id order, as many to a query as allowed.
  if (Math.ceil(epics.length / options.maxPerBatch) >= Math.ceil(total / options.pageSize)) {
    return chunk(weighted.map((e) => e.id).sort(), options.maxPerBatch)
  }
  // A tenth of each batch is left free, so whole-page fixes can move epics between batches.
  const capacity = Math.max(1, options.maxPerBatch - Math.floor(options.maxPerBatch / 10))
  // Enough batches for the epic count, and up to one per chain while each still fills a page.
  let count = Math.max(1, Math.ceil(epics.length / capacity), Math.min(chains, Math.ceil(total / options.pageSize)))
  if (count > chains) count = Math.ceil(count / chains) * chains
  count = Math.min(count, epics.length)
  const batches: Batch[] = Array.from({ length: count }, () => ({ items: [], sum: 0 }))

  // Largest first into the lightest batch: the batches end up about equal.
  const byWeight = (a: { id: string; weight: number }, b: { id: string; weight: number }) =>
    b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const withChildren = weighted.filter((e) => e.weight > 0).sort(byWeight)
  for (const item of withChildren) {
    let best: Batch | undefined
    for (const batch of batches) {
      if (batch.items.length >= capacity) continue
      if (!best || batch.sum < best.sum) best = batch
    }
    best ??= batches.reduce((a, b) => (a.items.length <= b.items.length ? a : b))
    best.items.push(item)
    best.sum += item.weight
  }
  // Every batch but the last a whole number of pages; the last takes what cannot be whole.
  const sink = batches.reduce((a, b) => (a.sum >= b.sum ? a : b))
  for (const batch of batches) if (batch !== sink) squareUp(batch, sink, options)

  // Epics with no children cost nothing: they fill the batches with the most room.
  for (const item of weighted.filter((e) => e.weight === 0).sort(byWeight)) {
    const roomiest = batches.reduce((a, b) => (a.items.length <= b.items.length ? a : b))
    roomiest.items.push(item)
  }
  return batches
    .filter((b) => b.items.length > 0)
    .sort((a, b) => b.sum - a.sum)
    .map((b) => b.items.map((i) => i.id))
}
