// The portal's HTTP client refuses inward addresses and cross-origin redirects.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSafeFetch, SiteRedirectError, UnsafeAddressError } from './safe-fetch.js'

let server: Server
let base: string
const seen: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`)
    if (req.url === '/same') return res.writeHead(302, { Location: '/final' }).end()
    if (req.url === '/away') return res.writeHead(302, { Location: 'https://elsewhere.example/steal' }).end()
    if (req.url === '/loop') return res.writeHead(302, { Location: '/loop' }).end()
    if (req.url === '/big') return res.end('x'.repeat(2048))
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ path: req.url }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const get = { method: 'GET', headers: { Authorization: 'Basic secret' } }

test('loopback is refused, by address and by a name that resolves to it', async () => {
  const strict = createSafeFetch({ allowInsecure: false })
  await expect(strict(`${base.replace('http:', 'https:')}/x`, get)).rejects.toBeInstanceOf(UnsafeAddressError)
  const port = new URL(base).port
  await expect(strict(`https://localhost:${port}/x`, get)).rejects.toBeInstanceOf(UnsafeAddressError)
  await expect(strict(`https://[::1]:${port}/x`, get)).rejects.toBeInstanceOf(UnsafeAddressError)
  await expect(strict(`https://169.254.169.254/latest/meta-data`, get)).rejects.toBeInstanceOf(UnsafeAddressError)
  await expect(strict(`${base}/x`, get)).rejects.toBeInstanceOf(UnsafeAddressError)
})

test('with insecure sites allowed, the sandbox on loopback answers', async () => {
  const open = createSafeFetch({ allowInsecure: true })
  const response = await open(`${base}/rest/api/3/myself`, get)
  expect(response.status).toBe(200)
  expect(JSON.parse(await response.text())).toEqual({ path: '/rest/api/3/myself' })
})

test('same-origin redirects are followed, others refused without sending the credentials on', async () => {
  const open = createSafeFetch({ allowInsecure: true })
  const followed = await open(`${base}/same`, get)
  expect(JSON.parse(await followed.text())).toEqual({ path: '/final' })
  await expect(open(`${base}/away`, get)).rejects.toBeInstanceOf(SiteRedirectError)
  expect(seen.some((line) => line.includes('steal'))).toBe(false)
  const looping = await open(`${base}/loop`, get)
  expect(looping.status).toBe(302)
})

test('answers larger than the cap are cut off', async () => {
  const small = createSafeFetch({ allowInsecure: true, maxBodyBytes: 1024 })
  await expect(small(`${base}/big`, get)).rejects.toMatchObject({ code: 'EBODYTOOLARGE' })
})
