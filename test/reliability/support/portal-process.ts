// The portal as a real child process (what `npm start` runs), and a small HTTP client to drive it as a signed-in user.
import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { freePort } from '../../support/postgres-server.js'

const ROOT = resolve(import.meta.dirname, '../../..')

export interface PortalProcess {
  url: string
  pid: number
  /** Everything it printed (JSON log lines and the start banner). */
  output(): string
  /** Resolves with the signal or exit code once the process is gone. */
  exited: Promise<NodeJS.Signals | number | null>
  kill(signal?: NodeJS.Signals): Promise<NodeJS.Signals | number | null>
}

export const ADMIN = { email: 'admin@crash.test', password: 'a long enough admin passphrase' }

/**
 * Starts `portal-service/main.ts` under Node with tsx's loader and waits until it listens. Node
 * runs the portal itself (not a `tsx` wrapper that would relay signals), so SIGKILL reaches the
 * process that holds the database.
 */
export async function startPortalProcess(env: Record<string, string>): Promise<PortalProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'portal-service/main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      HOST: '127.0.0.1',
      JIRA_ALLOW_INSECURE: '1',
      PORTAL_ADMIN_EMAIL: ADMIN.email,
      PORTAL_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)))
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the portal did not start:\n${output}`)), 30_000)
    const check = () => {
      if (!/is running at/.test(output)) return
      clearTimeout(timer)
      ready()
    }
    child.stdout!.on('data', check)
    void exited.then((how) => {
      clearTimeout(timer)
      fail(new Error(`the portal exited (${how}) before listening:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    exited,
    async kill(signal = 'SIGKILL') {
      child.kill(signal)
      return exited
    },
  }
}

export interface HttpAnswer {
  status: number
  body: any
}

export interface PortalSession {
  user: { id: string; companyId: string }
  call(method: string, path: string, body?: unknown): Promise<HttpAnswer>
  get(path: string): Promise<HttpAnswer>
  post(path: string, body?: unknown): Promise<HttpAnswer>
}

/** Signs in over HTTP and returns a client carrying the session cookie and the CSRF token. */
export async function signInOver(url: string, user: { email: string; password: string } = ADMIN): Promise<PortalSession> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  })
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`)
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('pb_session='))!.split(';')[0]!
  const { csrfToken, user: signedIn } = (await response.json()) as { csrfToken: string; user: PortalSession['user'] }
  const call = async (method: string, path: string, body?: unknown): Promise<HttpAnswer> => {
    const answer = await fetch(`${url}${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await answer.text()
    return { status: answer.status, body: answer.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text }
  }
  return { user: signedIn, call, get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) }
}

/** Polls `check` every `everyMs` until it returns something truthy, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}
