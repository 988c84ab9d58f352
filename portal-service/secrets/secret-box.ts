/**
 * @module
 * Encrypts credentials at rest (Jira API tokens, Forge shared secrets) with AES-256-GCM.
 * Each value is bound to what it belongs to (associated data such as the portfolio id), so a
 * ciphertext copied to another row does not decrypt there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SecretBoxError'
  }
}

export interface SecretBox {
  seal(plaintext: string, context: string): string
  open(sealed: string, context: string): string
}

/** A box over a 32-byte key. */
export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new SecretBoxError('The secret key must be 32 bytes')
  const keyBuffer = Buffer.from(key)
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', keyBuffer, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
      return `${VERSION}:${iv.toString('base64')}:${body.toString('base64')}`
    },
    open(sealed, context) {
      const [version, ivText, bodyText] = sealed.split(':')
      if (version !== VERSION || !ivText || !bodyText) throw new SecretBoxError('Not a sealed secret')
      const iv = Buffer.from(ivText, 'base64')
      const body = Buffer.from(bodyText, 'base64')
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SecretBoxError('Not a sealed secret')
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyBuffer, iv)
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8')
      } catch {
        // Wrong key, wrong context or tampering: never say which, never echo the value.
        throw new SecretBoxError('The stored secret cannot be decrypted with this key')
      }
    },
  }
}

/** The last four characters, for "…abcd" hints; short secrets show nothing. */
export function secretHint(secret: string): string {
  return secret.length >= 12 ? `…${secret.slice(-4)}` : '…'
}
