// What the load generator child is asked to do and what it answers, shared by both sides.

export interface LoadPlan {
  url: string
  connections: number
  durationSeconds: number
  headers: Record<string, string>
  /** Paths each connection requests in turn (GET). */
  paths: string[]
}

export interface LoadResult {
  requests: number
  /** Mean requests per second over the run. */
  throughput: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  errors: number
  timeouts: number
  non2xx: number
  status5xx: number
  statusCodes: Record<string, number>
  bytesPerSecond: number
}

/** The plan as the child's one argument. */
export function encodePlan(plan: LoadPlan): string {
  return Buffer.from(JSON.stringify(plan)).toString('base64url')
}

export function decodePlan(encoded: string): LoadPlan {
  return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as LoadPlan
}
