// Drives the sandbox child through its `/_sandbox/` control API: latency, request log, issue edits.
import { spawnTs, type TsChild } from './child-process.js'

export interface SandboxRequest {
  method: string
  path: string
  status: number
  /** From arrival to the answer written, the fixed latency included. */
  durationMs: number
}

export class SandboxHandle {
  private constructor(
    readonly url: string,
    readonly issues: number,
    private readonly process: TsChild,
  ) {}

  /** Starts `sandbox-runner.ts` for `scale` and waits until it serves. */
  static async start(scale: number): Promise<SandboxHandle> {
    const child = spawnTs('./sandbox-runner.ts', ['--scale', String(scale)])
    const ready = await child.nextMessage<{ url: string; issues: number }>()
    return new SandboxHandle(ready.url, ready.issues, child)
  }

  get pid(): number | undefined {
    return this.process.child.pid
  }

  async setLatency(ms: number): Promise<void> {
    await this.call('POST', '/_sandbox/latency', { ms })
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', '/_sandbox/requests')
  }

  /** Every Jira request since the last clear, as the sandbox logged it (the ground truth for call counts). */
  async requests(): Promise<SandboxRequest[]> {
    const entries = (await this.call('GET', '/_sandbox/requests')) as SandboxRequest[]
    return entries.map(({ method, path, status, durationMs }) => ({ method, path, status, durationMs }))
  }

  async updateIssue(idOrKey: string, changes: Record<string, unknown>): Promise<void> {
    await this.call('PATCH', `/_sandbox/issues/${encodeURIComponent(idOrKey)}`, changes)
  }

  stop(): Promise<void> {
    return this.process.stop()
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
}
