// `npm start`: configure, migrate, make sure there is an admin, serve, and stop cleanly.
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { systemClock } from './clock.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { openDatabase } from './db/connect.js'
import { migrateToLatest } from './db/migrate.js'
import { createIntegration } from './jira/integration.js'
import { createLogger } from './log/logger.js'
import { loadSecretKey } from './secrets/secret-key.js'
import { ensureFirstAdmin } from './users/first-admin.js'

function readConfig(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}

async function main(): Promise<void> {
  const config = readConfig()
  const log = createLogger({ level: config.logLevel })
  const clock = systemClock

  // PORTAL_SECRET_KEY, else the key file (created on first start).
  const fromFile = config.secretKey ? null : loadSecretKey({ file: config.secretKeyFile })
  const secretKey = config.secretKey ?? Buffer.from(fromFile!.key)
  if (fromFile?.origin === 'created')
    log.info('created the secret key file', { file: config.secretKeyFile })
  if (config.database.dialect === 'postgres' && fromFile) {
    log.warn(
      'PORTAL_SECRET_KEY is not set: every instance sharing this database needs the same key',
    )
  }

  const db = openDatabase(config, {
    onPoolError: (error) => log.warn('an idle database connection failed', { error }),
  })
  const { applied } = await migrateToLatest(db)
  log.info('database ready', {
    dialect: config.database.dialect,
    ...(config.database.dialect === 'sqlite' ? { file: config.database.file } : {}),
    migrationsApplied: applied.length,
  })

  const admin = await ensureFirstAdmin(db, clock, config)
  if (admin.created) {
    log.info('created the first site admin', { email: admin.email, company: admin.companyName })
    if (admin.generatedPassword) {
      // Straight to stdout, never through the logger: it is shown once and kept nowhere.
      process.stdout.write(
        `\nFirst site admin: ${admin.email}\nPassword: ${admin.generatedPassword}\n` +
          'This password is shown only once. Sign in and change it (POST /api/me/password).\n\n',
      )
    }
  }

  const { jira, sync, changes } = createIntegration({ db, config, log, clock, secretKey })
  const app = createApp({ db, config, log, clock, secretKey, jira, sync, changes })
  sync.start()
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
    const url = config.publicUrl?.origin ?? `http://${host}:${info.port}`
    log.info('portal listening', { url, port: info.port })
    process.stdout.write(`Portfolio Bridge is running at ${url} (API docs: ${url}/api/docs)\n`)
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('shutting down', { signal })
    // Stop accepting connections and syncing, let work in flight finish, then close the database.
    server.close(() => {
      // Queued change notices are hints: dropping them is safe, the schedule catches up.
      changes
        .stop()
        .then(() => sync.stop())
        .then(() => db.destroy())
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          log.error('error while closing the database', { error })
          process.exit(1)
        })
    })
    // Keep-alive connections can hold `close` open; do not wait for them forever.
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  createLogger().error('portal failed to start', { error })
  process.exit(1)
})
