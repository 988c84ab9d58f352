// Structured JSON-lines logging with levels, a pluggable sink and redaction of secrets.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Record<string, unknown>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** A logger that adds `bindings` (e.g. a request id) to every line. */
  child(bindings: LogFields): Logger
}

/** Where finished lines go: one JSON document per call, without the trailing newline. */
export type LogSink = (line: string) => void

export interface LoggerOptions {
  level?: LogLevel
  sink?: LogSink
  bindings?: LogFields
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/** Keys whose values never reach a log line, at any depth. */
export const SECRET_KEY_PATTERN = /token|secret|password|authorization|cookie|session/i

const REDACTED = '[redacted]'
const MAX_DEPTH = 8

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`)
}

/** Keeps lines in memory, for tests that assert what was (or was not) logged. */
export function memorySink(): LogSink & { lines: string[]; entries(): LogFields[] } {
  const lines: string[] = []
  const sink = (line: string) => {
    lines.push(line)
  }
  return Object.assign(sink, {
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as LogFields),
  })
}

/**
 * Copies `value` for logging: values under secret-looking keys become "[redacted]", errors
 * become `{name, message, stack}`, cycles and very deep objects are cut.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value
  }
  if (seen.has(value)) return '[circular]'
  if (depth >= MAX_DEPTH) return '[too deep]'
  seen.add(value)
  if (value instanceof Error) {
    const { name, message, stack } = value
    const extra = redact({ ...value }, depth + 1, seen) as LogFields
    return { ...extra, name, message, stack }
  }
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen))
  const copy: LogFields = {}
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_KEY_PATTERN.test(key) ? REDACTED : redact(item, depth + 1, seen)
  }
  return copy
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info']
  const sink = options.sink ?? stdoutSink
  const bindings = options.bindings ?? {}

  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVELS[level] < threshold) return
    const entry = redact({ ...bindings, ...fields }) as LogFields
    sink(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...entry }))
  }

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (more) => createLogger({ ...options, bindings: { ...bindings, ...more } }),
  }
}
