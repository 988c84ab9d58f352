// Notice deliveries from the Forge app: signed like portal requests, named by the secret's fingerprint, bounded.
import { createMemoryReplayGuard } from './replay-guard.js'
import { KEY_ID_HEADER, keyIdSchema, noticeDeliverySchema, signNoticeDelivery } from './notice-delivery.js'
import { generateSecret, secretFingerprint } from './secret.js'
import { verifyRequest } from './signing.js'

const SECRET = 'k3pM0wq4yQ6r1sZ8vX2bN5cT7uH9jL0aD3fG6hJ1kE4'
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0)
const notice = {
  issueId: '10042',
  issueKey: 'MOB-42',
  parentId: '10007',
  previousParentId: null,
  projectId: '10000',
  projectKey: 'MOB',
  event: 'updated' as const,
  at: new Date(NOW).toISOString(),
}

const verify = (headers: Record<string, string>, body: string, secret = SECRET) =>
  verifyRequest({ headers, body, secret: async () => secret, replayGuard: createMemoryReplayGuard(() => NOW / 1000), now: NOW })

test('a delivery carries the batch, the signing headers and the key id of the secret', async () => {
  const delivery = await signNoticeDelivery(SECRET, [notice], { now: NOW })
  expect(noticeDeliverySchema.parse(JSON.parse(delivery.body))).toEqual({ notices: [notice] })
  expect(delivery.headers[KEY_ID_HEADER]).toBe(await secretFingerprint(SECRET))
  expect(keyIdSchema.safeParse(delivery.headers[KEY_ID_HEADER]).success).toBe(true)
  expect(delivery.headers['Content-Type']).toBe('application/json')
  await expect(verify(delivery.headers, delivery.body)).resolves.toMatchObject({ ok: true })
})

test('the signature binds the body and the secret; each delivery has its own request id', async () => {
  const delivery = await signNoticeDelivery(SECRET, [notice], { now: NOW })
  await expect(verify(delivery.headers, delivery.body.replace('MOB-42', 'MOB-43'))).resolves.toEqual({ ok: false, reason: 'bad_signature' })
  await expect(verify(delivery.headers, delivery.body, generateSecret())).resolves.toEqual({ ok: false, reason: 'bad_signature' })
  const again = await signNoticeDelivery(SECRET, [notice], { now: NOW })
  expect(again.headers['X-PB-Request-Id']).not.toBe(delivery.headers['X-PB-Request-Id'])
})

test('an empty batch or more than 100 notices is not a delivery', async () => {
  await expect(signNoticeDelivery(SECRET, [], { now: NOW })).rejects.toThrow()
  await expect(signNoticeDelivery(SECRET, Array(101).fill(notice), { now: NOW })).rejects.toThrow()
})
