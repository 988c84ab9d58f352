// Fault rules tests add to make the sandbox misbehave: statuses (429 with Retry-After…), latency,
// hangs, resets, malformed JSON and revoked-token answers. Rules are checked in insertion order.
import type { FaultInjector, FaultKind, FaultRule } from '../types.js'

interface ActiveRule {
  id: string
  rule: FaultRule
  seen: number
  applied: number
}

export interface FaultDecision {
  /** Extra latency from matching latency rules, plus the global latency. */
  latencyMs: number
  /** The first matching rule that changes the answer, if any. */
  fault?: Exclude<FaultKind, { kind: 'latency' }>
}

export class FaultRegistry implements FaultInjector {
  private rules: ActiveRule[] = []
  private nextId = 1
  private globalLatencyMs: number

  constructor(latencyMs = 0) {
    this.globalLatencyMs = latencyMs
  }

  add(rule: FaultRule): string {
    const id = `fault-${this.nextId++}`
    this.rules.push({ id, rule, seen: 0, applied: 0 })
    return id
  }

  remove(id: string): void {
    this.rules = this.rules.filter((r) => r.id !== id)
  }

  clear(): void {
    this.rules = []
  }

  setLatency(ms: number): void {
    this.globalLatencyMs = Math.max(0, ms)
  }

  /** `paths`: the received path and, for gateway calls, the same path without the gateway prefix. */
  decide(method: string, paths: readonly string[]): FaultDecision {
    const decision: FaultDecision = { latencyMs: this.globalLatencyMs }
    for (const active of this.rules) {
      if (!matches(active.rule, method, paths)) continue
      active.seen++
      if (active.seen <= (active.rule.after ?? 0)) continue
      if (active.rule.times !== undefined && active.applied >= active.rule.times) continue
      if (active.rule.kind === 'latency') {
        active.applied++
        decision.latencyMs += active.rule.ms
      } else if (!decision.fault) {
        active.applied++
        decision.fault = active.rule
      }
    }
    return decision
  }
}

function matches(rule: FaultRule, method: string, paths: readonly string[]): boolean {
  const match = rule.match
  if (!match) return true
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false
  const pattern = match.path
  if (pattern === undefined) return true
  return paths.some((p) =>
    typeof pattern === 'string'
      ? p === pattern
      : new RegExp(pattern.source, pattern.flags.replace('g', '')).test(p),
  )
}
