// Child process: the load generator (autocannon), apart from the portal so they do not share an
// event loop. Takes a base64 JSON `LoadPlan` as its argument and prints one JSON `LoadResult`.
import autocannon from 'autocannon'
import { decodePlan, type LoadPlan, type LoadResult } from './load-plan.js'

async function run(plan: LoadPlan): Promise<LoadResult> {
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.durationSeconds,
    headers: plan.headers,
    requests: plan.paths.map((path) => ({ method: 'GET', path })),
    timeout: 10,
  })
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]))
  return {
    requests: result.requests.total,
    throughput: result.requests.average,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
    statusCodes: codes,
    bytesPerSecond: result.throughput.average,
  }
}

const encoded = process.argv[2]
if (!encoded) throw new Error('usage: load-runner.ts <base64 JSON plan>')
process.stdout.write(`${JSON.stringify(await run(decodePlan(encoded)))}\n`)
