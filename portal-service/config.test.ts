// Configuration parsing: defaults, each variable's rules, and errors that name the variable.
import { resolve } from 'node:path'
import { ConfigError, loadConfig } from './config.js'

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

test('an empty environment gives the documented defaults', () => {
  const config = loadConfig({})
  expect(config).toMatchObject({
    port: 8080,
    host: '0.0.0.0',
    database: { dialect: 'sqlite', file: resolve('./data/portal.sqlite') },
    adminEmail: null,
    adminPassword: null,
    companyName: 'My Company',
    secretKey: null,
    secretKeyFile: resolve('./data/secret.key'),
    publicUrl: null,
    secureCookies: false,
    logLevel: 'info',
    syncIntervalMinutes: 10,
    syncLeaseSeconds: 60,
    jiraAllowInsecure: false,
    jiraGatewayUrl: 'https://api.atlassian.com',
    trustProxy: false,
  })
})

test('DATABASE_URL chooses SQLite (file:PATH) or PostgreSQL', () => {
  expect(loadConfig({ DATABASE_URL: 'file:/tmp/x/portal.db' }).database).toEqual({
    dialect: 'sqlite',
    file: '/tmp/x/portal.db',
  })
  expect(loadConfig({ DATABASE_URL: 'file:rel/p.db' }).database).toEqual({
    dialect: 'sqlite',
    file: resolve('rel/p.db'),
  })
  for (const url of ['postgres://u:p@db:5432/portal', 'postgresql://db/portal']) {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ dialect: 'postgres', url })
  }
  expect(errorOf({ DATABASE_URL: 'mysql://db/portal' }).issues).toEqual([
    'DATABASE_URL: must be file:PATH, postgres://… or postgresql://…',
  ])
  expect(errorOf({ DATABASE_URL: 'file:' }).issues[0]).toMatch(/^DATABASE_URL:/)
})

test('PORT must be a port number', () => {
  expect(loadConfig({ PORT: '3000' }).port).toBe(3000)
  for (const port of ['abc', '0', '70000', '80.5']) {
    expect(errorOf({ PORT: port }).issues[0]).toMatch(/^PORT:/)
  }
})

test('the secret key is 32 bytes as hex or base64', () => {
  const key = Buffer.alloc(32, 7)
  expect(loadConfig({ PORTAL_SECRET_KEY: key.toString('hex') }).secretKey).toEqual(key)
  expect(loadConfig({ PORTAL_SECRET_KEY: key.toString('base64') }).secretKey).toEqual(key)
  expect(errorOf({ PORTAL_SECRET_KEY: 'too-short' }).issues[0]).toMatch(/^PORTAL_SECRET_KEY:/)
})

test('an https public URL turns on Secure cookies; anything but http(s) is refused', () => {
  const config = loadConfig({ PORTAL_PUBLIC_URL: 'https://portal.example.com' })
  expect(config.publicUrl?.origin).toBe('https://portal.example.com')
  expect(config.secureCookies).toBe(true)
  expect(loadConfig({ PORTAL_PUBLIC_URL: 'http://portal.local:8080' }).secureCookies).toBe(false)
  expect(errorOf({ PORTAL_PUBLIC_URL: 'ftp://portal.example.com' }).issues[0]).toMatch(
    /^PORTAL_PUBLIC_URL:/,
  )
})

test('the admin settings are checked, and the password never appears in the error', () => {
  expect(loadConfig({ PORTAL_ADMIN_EMAIL: 'Root@Example.com' }).adminEmail).toBe('root@example.com')
  const error = errorOf({ PORTAL_ADMIN_EMAIL: 'not-an-email', PORTAL_ADMIN_PASSWORD: 'short-pw' })
  expect(error.issues.map((issue) => issue.split(':')[0]).sort()).toEqual([
    'PORTAL_ADMIN_EMAIL',
    'PORTAL_ADMIN_PASSWORD',
  ])
  expect(error.message).not.toContain('short-pw')
})

test('every bad variable is reported at once', () => {
  const error = errorOf({
    PORT: 'x',
    LOG_LEVEL: 'loud',
    SYNC_INTERVAL_MINUTES: '0',
    JIRA_ALLOW_INSECURE: 'yes',
  })
  expect(error.issues.map((issue) => issue.split(':')[0]).sort()).toEqual([
    'JIRA_ALLOW_INSECURE',
    'LOG_LEVEL',
    'PORT',
    'SYNC_INTERVAL_MINUTES',
  ])
  expect(error.message).toMatch(/^Invalid configuration:\n {2}- /)
})

test('the sync interval may be a fraction of a minute; the lease is whole seconds, 3 at least', () => {
  expect(loadConfig({ SYNC_INTERVAL_MINUTES: '0.05', SYNC_LEASE_SECONDS: '5' })).toMatchObject({
    syncIntervalMinutes: 0.05,
    syncLeaseSeconds: 5,
  })
  for (const [name, value] of [
    ['SYNC_INTERVAL_MINUTES', '0.01'],
    ['SYNC_LEASE_SECONDS', '2'],
    ['SYNC_LEASE_SECONDS', '1.5'],
    ['SYNC_LEASE_SECONDS', 'long'],
  ] as const) {
    expect(errorOf({ [name]: value }).issues[0]).toMatch(new RegExp(`^${name}:`))
  }
})

test('empty variables count as unset; flags are "1" or unset', () => {
  expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(8080)
  expect(loadConfig({ JIRA_ALLOW_INSECURE: '1', TRUST_PROXY: '1' })).toMatchObject({
    jiraAllowInsecure: true,
    trustProxy: true,
  })
})
