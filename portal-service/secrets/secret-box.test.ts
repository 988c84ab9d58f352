// Credentials at rest: sealed with AES-256-GCM, bound to their row, key from env or a 0600 file.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSecretBox, secretHint, SecretBoxError } from './secret-box.js'
import { decodeSecretKey, loadSecretKey, SecretKeyError } from './secret-key.js'

const box = createSecretBox(randomBytes(32))
const token = 'ATATT3xFfGF0-very-secret-api-token-1234'

test('a sealed token opens again only with the same context', () => {
  const sealed = box.seal(token, 'portfolio:1')
  expect(sealed).not.toContain(token)
  expect(sealed).not.toContain(Buffer.from(token).toString('base64'))
  expect(box.open(sealed, 'portfolio:1')).toBe(token)
  expect(() => box.open(sealed, 'portfolio:2')).toThrow(SecretBoxError)
})

test('sealing twice gives different ciphertexts', () => {
  expect(box.seal(token, 'c')).not.toBe(box.seal(token, 'c'))
})

test('tampering or another key is detected, and the error never contains the value', () => {
  const sealed = box.seal(token, 'c')
  const [v, iv, body] = sealed.split(':')
  const flipped = Buffer.from(body!, 'base64')
  flipped[0] = flipped[0]! ^ 1
  expect(() => box.open(`${v}:${iv}:${flipped.toString('base64')}`, 'c')).toThrow(SecretBoxError)
  const other = createSecretBox(randomBytes(32))
  try {
    other.open(sealed, 'c')
    expect.unreachable()
  } catch (error) {
    expect(String(error)).not.toContain(token)
  }
  expect(() => box.open('garbage', 'c')).toThrow(SecretBoxError)
})

test('hints show the last four characters of long secrets only', () => {
  expect(secretHint(token)).toBe('…1234')
  expect(secretHint('short')).toBe('…')
})

test('keys are 32 bytes, as hex or base64', () => {
  const raw = randomBytes(32)
  expect(Buffer.from(decodeSecretKey(raw.toString('hex'), 'X'))).toEqual(raw)
  expect(Buffer.from(decodeSecretKey(raw.toString('base64'), 'X'))).toEqual(raw)
  expect(() => decodeSecretKey('too-short', 'PORTAL_SECRET_KEY')).toThrow(/PORTAL_SECRET_KEY must hold a 32-byte key/)
  expect(() => decodeSecretKey('', 'X')).toThrow(SecretKeyError)
})

test('without a configured key, a key file is created once with mode 0600 and reused', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pb-key-')), 'nested', 'secret.key')
  const first = loadSecretKey({ file })
  expect(first.origin).toBe('created')
  expect(statSync(file).mode & 0o777).toBe(0o600)
  const second = loadSecretKey({ file })
  expect(second.origin).toBe('file')
  expect(Buffer.from(second.key)).toEqual(Buffer.from(first.key))
  expect(readFileSync(file, 'utf8').trim()).toBe(Buffer.from(first.key).toString('base64'))
})

test('a key file readable by others is tightened to 0600', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pb-key-')), 'secret.key')
  writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o644 })
  loadSecretKey({ file })
  expect(statSync(file).mode & 0o777).toBe(0o600)
})

test('PORTAL_SECRET_KEY wins over the file', () => {
  const raw = randomBytes(32)
  const result = loadSecretKey({ key: raw.toString('base64'), file: '/nonexistent/never-created' })
  expect(result.origin).toBe('env')
  expect(Buffer.from(result.key)).toEqual(raw)
})
