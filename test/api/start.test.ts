// `npm start` for real: a child process on a temp SQLite file and a free port.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort } from '../support/postgres-server.js'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

interface Portal {
  url: string
  process: ChildProcess
  output(): string
  stop(): Promise<number | null>
}

/** Runs `tsx portal-service/main.ts` (what `npm start` runs) and waits until it listens. */
async function startPortal(dir: string, env: Record<string, string> = {}): Promise<Portal> {
  const port = await freePort()
  const child = spawn(TSX, ['portal-service/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      DATABASE_URL: `file:${join(dir, 'portal.sqlite')}`,
      PORTAL_SECRET_KEY_FILE: join(dir, 'secret.key'),
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`portal did not start:\n${output}`)), 30_000)
    const check = () => {
      if (/is running at/.test(output)) {
        clearTimeout(timer)
        ready()
      }
    }
    child.stdout!.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      fail(new Error(`portal exited with ${code}:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    async stop() {
      child.kill('SIGTERM')
      return exited
    },
  }
}

async function signIn(url: string, email: string, password: string): Promise<number> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  return response.status
}

describe('npm start', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-start-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('a first start creates the admin with a password printed once, serves, and stops cleanly', async () => {
    const portal = await startPortal(dir)
    let exitCode: number | null = null
    try {
      const printed = /First site admin: (\S+)\nPassword: (\S+)\n/.exec(portal.output())
      expect(printed).not.toBeNull()
      const [, email, password] = printed!
      expect(email).toBe('admin@portal.localhost')
      expect(password!.length).toBeGreaterThanOrEqual(20)
      // Shown once, and never in a log line.
      expect(portal.output().split(password!).length - 1).toBe(1)

      const health = await fetch(`${portal.url}/api/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ status: 'ok' })
      const document = (await (await fetch(`${portal.url}/api/openapi.json`)).json()) as {
        paths: Record<string, unknown>
      }
      expect(Object.keys(document.paths)).toContain(
        '/api/portfolios/{portfolioId}/initiatives/{initiativeId}',
      )
      expect(await signIn(portal.url, email!, password!)).toBe(200)
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600)
    } finally {
      exitCode = await portal.stop()
    }
    expect(exitCode).toBe(0)
    expect(portal.output()).toMatch(/"msg":"shutting down","signal":"SIGTERM"/)

    // A second start on the same database keeps that admin and prints no new password.
    const again = await startPortal(dir)
    try {
      expect(again.output()).not.toMatch(/Password:/)
      const [, email, password] = /First site admin: (\S+)\nPassword: (\S+)\n/.exec(
        portal.output(),
      )!
      expect(await signIn(again.url, email!, password!)).toBe(200)
    } finally {
      expect(await again.stop()).toBe(0)
    }
  })

  test('PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD set the first admin; the password is never printed', async () => {
    const password = 'configured admin passphrase'
    const portal = await startPortal(dir, {
      PORTAL_ADMIN_EMAIL: 'Boss@Example.com',
      PORTAL_ADMIN_PASSWORD: password,
      PORTAL_COMPANY_NAME: 'Acme Industries',
    })
    try {
      expect(portal.output()).not.toContain(password)
      expect(portal.output()).toMatch(
        /"msg":"created the first site admin","email":"boss@example.com","company":"Acme Industries"/,
      )
      expect(await signIn(portal.url, 'boss@example.com', password)).toBe(200)
    } finally {
      expect(await portal.stop()).toBe(0)
    }
  })

  test('a bad variable stops the start with a message naming it', async () => {
    const error = await startPortal(dir, { PORT: 'eighty', DATABASE_URL: 'mysql://nope' }).catch(
      (e: Error) => e,
    )
    expect(error).toBeInstanceOf(Error)
    const message = (error as Error).message
    expect(message).toMatch(/exited with 1/)
    expect(message).toMatch(/PORT:/)
    expect(message).toMatch(/DATABASE_URL:/)
  })
})
