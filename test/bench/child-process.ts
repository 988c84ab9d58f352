// Starts bench helpers (sandbox, load generator, one workload size) as TypeScript child processes,
// so each has its own event loop and memory, and reads the JSON lines they print.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export interface TsChild {
  child: ChildProcess
  /** The next JSON line the child prints on stdout. */
  nextMessage<T>(): Promise<T>
  /** Resolves with the exit code once the child is gone. */
  exited: Promise<number | null>
  stop(): Promise<void>
}

/** `bench file` relative to this folder, run with Node + tsx; `nodeFlags` go to Node itself. */
export function spawnTs(file: string, args: readonly string[] = [], nodeFlags: readonly string[] = []): TsChild {
  const path = fileURLToPath(new URL(file, import.meta.url))
  // IPC keeps a channel open so a child notices when the bench dies ('disconnect').
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', path, ...args], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const lines = createInterface({ input: child.stdout! })
  const queue: string[] = []
  const waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = []
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  lines.on('line', (line) => {
    if (!line.startsWith('{')) return void process.stdout.write(`  [${file}] ${line}\n`)
    const next = waiting.shift()
    if (next) next.resolve(line)
    else queue.push(line)
  })
  void exited.then((code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${file} exited (${code}) before answering`))
  })
  return {
    child,
    exited,
    nextMessage<T>() {
      const ready = queue.shift()
      if (ready !== undefined) return Promise.resolve(JSON.parse(ready) as T)
      return new Promise<string>((resolve, reject) => waiting.push({ resolve, reject })).then((l) => JSON.parse(l) as T)
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** Runs a child that prints exactly one JSON result, and returns it. */
export async function runTsForResult<T>(file: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<T> {
  const run = spawnTs(file, args, nodeFlags)
  try {
    return await run.nextMessage<T>()
  } finally {
    await run.stop()
  }
}
