// The slice of autocannon the bench's load runner calls (the package ships no types), declared
// here rather than pulling in a types package for one function.
declare module 'autocannon' {
  interface Histogram {
    average: number
    total: number
    max: number
    p50: number
    p90: number
    p99: number
  }

  interface Options {
    url: string
    connections?: number
    duration?: number
    timeout?: number
    headers?: Record<string, string>
    requests?: Array<{ method?: string; path?: string; headers?: Record<string, string> }>
  }

  interface Result {
    requests: Histogram
    latency: Histogram
    throughput: Histogram
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats?: Record<string, { count: number }>
    '5xx': number
  }

  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
