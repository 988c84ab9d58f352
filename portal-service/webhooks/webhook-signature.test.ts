// The X-Hub-Signature check: HMAC-SHA256 of the raw body, hex, compared in constant time.
import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { signBody, verifySignature } from './webhook-signature.js'

const secret = 'pbwh_0123456789abcdefghijklmnop'
const body = new TextEncoder().encode(
  '{"webhookEvent":"jira:issue_updated","issue":{"id":"10042"}}',
)

test('the header Jira computes is accepted, in either hex case', () => {
  const hex = createHmac('sha256', secret).update(body).digest('hex')
  expect(signBody(secret, body)).toBe(`sha256=${hex}`)
  expect(verifySignature(secret, body, `sha256=${hex}`)).toBe(true)
  expect(verifySignature(secret, body, `sha256=${hex.toUpperCase()}`)).toBe(true)
  expect(verifySignature(secret, body, ` sha256=${hex} `)).toBe(true)
})

test('another secret, another body, another algorithm or a malformed header is refused', () => {
  const good = signBody(secret, body)
  expect(verifySignature('another-secret', body, good)).toBe(false)
  expect(verifySignature(secret, new TextEncoder().encode('{}'), good)).toBe(false)
  const sha1 = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`
  for (const header of [
    undefined,
    '',
    'sha256=',
    good.slice(0, -1),
    `${good}0`,
    good.replace('sha256', 'sha512'),
    sha1,
    good.slice(7),
  ]) {
    expect(verifySignature(secret, body, header)).toBe(false)
  }
})

test('the signature covers every byte: whitespace and re-encoding matter', () => {
  const reformatted = new TextEncoder().encode(
    JSON.stringify(JSON.parse(new TextDecoder().decode(body)), null, 2),
  )
  expect(verifySignature(secret, reformatted, signBody(secret, body))).toBe(false)
})

test('random headers never verify', () => {
  fc.assert(
    fc.property(fc.string(), (header) => !verifySignature(secret, body, header)),
    { numRuns: 300 },
  )
})
