// `npm run forge:local` as a developer runs it: a child process that starts a sandbox, serves the app on loopback and prints what to paste into the portal.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { CONTRACT_VERSION } from '../../shared/contract/operations.js'
import { noticeDeliverySchema } from '../../shared/contract/notice-delivery.js'
import { signRequest, verifyRequest } from '../../shared/contract/signing.js'
import { createMemoryReplayGuard } from '../../shared/contract/replay-guard.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

let child: ChildProcess | undefined

afterEach(async () => {
  if (!child || child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise((resolve) => child!.once('exit', resolve))
  // npm starts tsx, which starts node: stop the whole group this test started.
  process.kill(-child.pid, 'SIGTERM')
  await exited
})

/** Starts the script and resolves with what it printed once the secret line is out. */
function startForgeLocal(env: Record<string, string>): Promise<string> {
  child = spawn('npm', ['run', '--silent', 'forge:local'], {
    cwd: ROOT,
    env: { ...process.env, FORGE_LOCAL_PORT: '0', JIRA_SITE_URL: '', JIRA_EMAIL: '', JIRA_API_TOKEN: '', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (/^Resolvers: /m.test(out)) resolve(out)
    })
    child!.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child!.once('exit', (code) => reject(new Error(`forge:local exited with ${code}: ${err}${out}`)))
  })
}

test('serves the web trigger for the sandbox and answers one signed request', async () => {
  const printed = await startForgeLocal({})
  const url = /^Web trigger URL: (\S+)$/m.exec(printed)?.[1]
  const secret = /^Secret: (\S+)$/m.exec(printed)?.[1]
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/x1\/portal-webtrigger$/)
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
  expect(printed).toContain(`"mode":"forge","webTriggerUrl":"${url}","secret":"${secret}"`)

  const body = JSON.stringify({ operation: 'ping' })
  const response = await fetch(url!, { method: 'POST', headers: { ...(await signRequest(secret!, body)), 'Content-Type': 'application/json' }, body })
  expect(response.status).toBe(200)
  const answer = await response.json()
  expect(answer).toMatchObject({ ok: true, data: { app: 'portfolio-bridge', contractVersion: CONTRACT_VERSION, siteUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) } })
  expect(answer.data.allowList.length).toBeGreaterThan(0)

  // Unsigned, the same request is refused.
  expect((await fetch(url!, { method: 'POST', body })).status).toBe(401)
}, 60_000)

test('forwards a sandbox issue change, signed, to the portal that subscribed: the printed curl command is enough', async () => {
  const received: Array<{ headers: Record<string, string>; body: string }> = []
  const portal = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      received.push({ headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])), body })
      response.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"queued"}')
    })
  })
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve))
  try {
    const printed = await startForgeLocal({})
    const url = /^Web trigger URL: (\S+)$/m.exec(printed)![1]!
    const secret = /^Secret: (\S+)$/m.exec(printed)![1]!
    const eventsUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/api/webhooks/forge`
    // What a portal does when a manager saves the connection.
    const body = JSON.stringify({ operation: 'subscribeEvents', eventsUrl })
    const subscribed = await fetch(url, { method: 'POST', headers: { ...(await signRequest(secret, body)), 'Content-Type': 'application/json' }, body })
    expect(subscribed.status).toBe(200)

    const curl = /curl -X PATCH (\S+) -H 'Content-Type: application\/json' -d '([^']+)'/.exec(printed)
    expect(curl).not.toBeNull()
    expect((await fetch(curl![1]!, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: curl![2]! })).status).toBe(200)
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(received).toHaveLength(1)
    const [delivery] = received
    const verified = await verifyRequest({ headers: delivery!.headers, body: delivery!.body, secret: async () => secret, replayGuard: createMemoryReplayGuard() })
    expect(verified.ok).toBe(true)
    const issueKey = /\/_sandbox\/issues\/([^/]+)$/.exec(curl![1]!)![1]
    expect(noticeDeliverySchema.parse(JSON.parse(delivery!.body)).notices).toEqual([expect.objectContaining({ issueKey, event: 'updated' })])
  } finally {
    portal.close()
  }
}, 60_000)

test('refuses half a real-site configuration, naming what is missing', async () => {
  await expect(startForgeLocal({ JIRA_SITE_URL: 'https://acme.atlassian.net' })).rejects.toThrow(/JIRA_SITE_URL: set JIRA_SITE_URL, JIRA_EMAIL and JIRA_API_TOKEN together/)
}, 60_000)
