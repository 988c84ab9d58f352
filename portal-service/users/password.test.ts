// Password hashing: a stored hash verifies the right password only and reveals nothing.
import { hashPassword, verifyPassword, type ScryptParams } from './password.js'

// Cheap parameters keep the suite fast; the format and comparison are what is under test.
const FAST: ScryptParams = { N: 1024, r: 8, p: 1 }

test('a hash verifies its own password and refuses others', async () => {
  const hash = await hashPassword('correct horse battery', FAST)
  expect(await verifyPassword('correct horse battery', hash)).toBe(true)
  expect(await verifyPassword('correct horse batterY', hash)).toBe(false)
  expect(await verifyPassword('', hash)).toBe(false)
})

test('the hash never contains the password and is salted', async () => {
  const a = await hashPassword('correct horse battery', FAST)
  const b = await hashPassword('correct horse battery', FAST)
  expect(a).not.toContain('correct horse battery')
  expect(a).not.toBe(b)
  expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
})

test('the default parameters are the ones recorded in the hash', async () => {
  const hash = await hashPassword('correct horse battery')
  expect(hash.startsWith('scrypt$32768$8$3$')).toBe(true)
  expect(await verifyPassword('correct horse battery', hash)).toBe(true)
})

test('malformed stored hashes are refused, not thrown on', async () => {
  for (const stored of [
    '',
    'plain',
    'scrypt$1$2$3',
    'bcrypt$1024$8$1$AAAA$AAAA',
    'scrypt$x$8$1$AAAA$AAAA',
  ]) {
    expect(await verifyPassword('correct horse battery', stored)).toBe(false)
  }
})

test('canonically equivalent Unicode passwords match (NFKC)', async () => {
  const hash = await hashPassword('caf\u00e9 au lait!!', FAST)
  expect(await verifyPassword('cafe\u0301 au lait!!', hash)).toBe(true)
})
