/**
 * @module
 * The portal secret. HMAC verification needs the secret itself (a hash cannot verify a MAC), so
 * it goes to KVS's encrypted secret storage (`setSecret`): per installation, generated and
 * rotated from the admin page, readable only by the app's code. A Forge variable
 * (`forge variables set --encrypt`) would be one value per environment shared by every site
 * that installs the app, set by the developer: wrong owner, wrong scope. Beside it, in clear, we
 * keep only a fingerprint and when it was made, so the admin page can say which secret is live.
 */
import { kvs } from '@forge/kvs'
import { z } from 'zod'
import { generateSecret, secretFingerprint } from '../../shared/contract/secret.js'

const SECRET_KEY = 'portal-secret'
const SECRET_STATUS_KEY = 'portal-secret-status'

const secretStatusSchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{12}$/),
  createdAt: z.iso.datetime(),
  createdBy: z.string().min(1),
})

export type SecretStatus = z.infer<typeof secretStatusSchema>

/** The live secret, or undefined before an admin generated one. */
export async function readPortalSecret(): Promise<string | undefined> {
  const stored = await kvs.getSecret<unknown>(SECRET_KEY)
  return stored === undefined ? undefined : z.string().min(1).parse(stored)
}

/** What the admin page may show about the secret: never the secret. */
export async function readSecretStatus(): Promise<SecretStatus | null> {
  const stored = await kvs.get<unknown>(SECRET_STATUS_KEY)
  return stored === undefined ? null : secretStatusSchema.parse(stored)
}

/**
 * Generates a new secret and makes it the only valid one: the portal stops getting answers until
 * someone pastes the new value there. Returns the secret so the admin page can show it once.
 */
export function rotatePortalSecret(change: { by: string; at: Date }): Promise<SecretStatus & { secret: string }> {
  return storePortalSecret(generateSecret(), change)
}

/** Makes `secret` the only valid one (rotation, or `forge:local` reusing a secret given to it). */
export async function storePortalSecret(secret: string, change: { by: string; at: Date }): Promise<SecretStatus & { secret: string }> {
  const status = secretStatusSchema.parse({
    fingerprint: await secretFingerprint(secret),
    createdAt: change.at.toISOString(),
    createdBy: change.by,
  })
  await kvs.setSecret(SECRET_KEY, secret)
  await kvs.set(SECRET_STATUS_KEY, status)
  return { ...status, secret }
}
