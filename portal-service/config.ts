// The portal's configuration: environment variables parsed and checked once, at start-up.
import { resolve } from 'node:path'
import { z } from 'zod'
import { decodeSecretKey } from './secrets/secret-key.js'

/** Thrown by `loadConfig`; `issues` name each bad variable so an operator can fix them all at once. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

export type DatabaseTarget =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string }

const DEFAULT_SQLITE_FILE = './data/portal.sqlite'

function parseDatabaseUrl(value: string | undefined, ctx: z.RefinementCtx): DatabaseTarget {
  if (value === undefined) return { dialect: 'sqlite', file: resolve(DEFAULT_SQLITE_FILE) }
  if (value.startsWith('file:')) {
    const file = value.slice('file:'.length)
    if (file.length > 0) return { dialect: 'sqlite', file: resolve(file) }
  }
  if (/^postgres(ql)?:\/\/./.test(value)) return { dialect: 'postgres', url: value }
  ctx.addIssue({ code: 'custom', message: 'must be file:PATH, postgres://… or postgresql://…' })
  return z.NEVER
}

// The same decoding as the key file's (secrets/secret-key.ts), so both accept the same keys.
function parseSecretKey(value: string | undefined, ctx: z.RefinementCtx): Buffer | null {
  if (value === undefined) return null
  try {
    return Buffer.from(decodeSecretKey(value, 'PORTAL_SECRET_KEY'))
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, as 64 hex digits or base64' })
    return z.NEVER
  }
}

const flag = z
  .enum(['1'])
  .optional()
  .transform((value) => value === '1')

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z.string().optional().transform(parseDatabaseUrl),
    PORTAL_ADMIN_EMAIL: z.email().optional(),
    PORTAL_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    PORTAL_COMPANY_NAME: z.string().trim().min(1).max(200).default('My Company'),
    PORTAL_SECRET_KEY: z.string().optional().transform(parseSecretKey),
    PORTAL_SECRET_KEY_FILE: z
      .string()
      .default('./data/secret.key')
      .transform((path) => resolve(path)),
    PORTAL_PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional()
      .transform((value) => (value === undefined ? null : new URL(value))),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    // Decimals allowed (0.05 is 3 s) so tests and demos can watch the schedule at work.
    SYNC_INTERVAL_MINUTES: z.coerce.number().min(0.05).max(1440).default(10),
    // How long a dead instance keeps a portfolio from the others; renewed every third of it.
    SYNC_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(60),
    JIRA_ALLOW_INSECURE: flag,
    JIRA_GATEWAY_URL: z.url({ protocol: /^https?$/ }).default('https://api.atlassian.com'),
    // Behind a reverse proxy every request comes from the proxy: only then trust X-Forwarded-For.
    TRUST_PROXY: flag,
  })
  .transform((env) => ({
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL,
    adminEmail: env.PORTAL_ADMIN_EMAIL?.toLowerCase() ?? null,
    adminPassword: env.PORTAL_ADMIN_PASSWORD ?? null,
    companyName: env.PORTAL_COMPANY_NAME,
    secretKey: env.PORTAL_SECRET_KEY,
    secretKeyFile: env.PORTAL_SECRET_KEY_FILE,
    publicUrl: env.PORTAL_PUBLIC_URL,
    /** Cookies get `Secure` only when the portal is reached over https, or browsers would drop them. */
    secureCookies: env.PORTAL_PUBLIC_URL?.protocol === 'https:',
    logLevel: env.LOG_LEVEL,
    syncIntervalMinutes: env.SYNC_INTERVAL_MINUTES,
    syncLeaseSeconds: env.SYNC_LEASE_SECONDS,
    jiraAllowInsecure: env.JIRA_ALLOW_INSECURE,
    jiraGatewayUrl: env.JIRA_GATEWAY_URL.replace(/\/+$/, ''),
    trustProxy: env.TRUST_PROXY,
  }))

export type Config = z.output<typeof envSchema>

/**
 * Parses the environment once. Empty variables count as unset (as `.env` files often leave them).
 * @throws ConfigError naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  )
  const result = envSchema.safeParse(present)
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
      ),
    )
  }
  return result.data
}
