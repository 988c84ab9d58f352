// Peak resident memory of this process over a stretch of work. Linux keeps the high-water mark
// (VmHWM) and lets a process reset it (`5` into /proc/self/clear_refs), which catches peaks that a
// sampling timer starved by synchronous work would miss; elsewhere it falls back to sampling.
import { readFileSync, writeFileSync } from 'node:fs'

const MB = 1024 * 1024

function highWaterMark(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    return match ? Number(match[1]) * 1024 : null
  } catch {
    return null
  }
}

function resetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

/** Collects garbage when Node runs with --expose-gc, so what is left is the live set; false without. */
export function settleHeap(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) return false
  gc()
  gc()
  return true
}

export interface RssReading {
  baselineMb: number
  peakMb: number
  growthMb: number
  method: 'vmhwm' | 'sampling'
  /**
   * Live JavaScript heap after the work minus before it, both after a full collection: what the
   * work kept. RSS also moves with the native allocator and SQLite; this does not. Null without gc.
   */
  retainedHeapMb: number | null
}

/** Runs `work` and reports how far resident memory rose above where it stood before. */
export async function measureRss<T>(work: () => Promise<T>): Promise<{ result: T; rss: RssReading }> {
  const collected = settleHeap()
  const heapBefore = process.memoryUsage().heapUsed
  const baseline = process.memoryUsage.rss()
  const kernel = resetHighWaterMark()
  let sampled = baseline
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss())
  }, 5)
  try {
    const result = await work()
    const hwm = kernel ? highWaterMark() : null
    const peak = Math.max(sampled, hwm ?? 0, process.memoryUsage.rss())
    const retainedHeapMb = collected && settleHeap() ? (process.memoryUsage().heapUsed - heapBefore) / MB : null
    return {
      result,
      rss: {
        baselineMb: baseline / MB,
        peakMb: peak / MB,
        growthMb: (peak - baseline) / MB,
        method: hwm !== null ? 'vmhwm' : 'sampling',
        retainedHeapMb,
      },
    }
  } finally {
    clearInterval(timer)
  }
}
