// The logger: JSON lines, levels, child bindings, and secrets redacted at any depth.
import { createLogger, memorySink, redact } from './logger.js'

test('writes one JSON line per entry with time, level, message and fields', () => {
  const sink = memorySink()
  createLogger({ sink }).info('hello', { count: 2 })
  expect(sink.lines).toHaveLength(1)
  expect(sink.entries()[0]).toEqual({
    time: expect.any(String),
    level: 'info',
    msg: 'hello',
    count: 2,
  })
})

test('drops entries below the level', () => {
  const sink = memorySink()
  const log = createLogger({ level: 'warn', sink })
  log.debug('no')
  log.info('no')
  log.warn('yes')
  log.error('yes')
  expect(sink.entries().map((entry) => entry.level)).toEqual(['warn', 'error'])
})

test('child loggers add their bindings to every line', () => {
  const sink = memorySink()
  createLogger({ sink }).child({ requestId: 'r1' }).child({ userId: 'u1' }).info('x')
  expect(sink.entries()[0]).toMatchObject({ requestId: 'r1', userId: 'u1' })
})

test('values under secret-looking keys are redacted at any depth', () => {
  const sink = memorySink()
  createLogger({ sink }).info('login', {
    password: 'hunter2hunter2',
    nested: {
      apiToken: 'tok-value-1',
      list: [{ Authorization: 'Bearer abc' }, { sessionId: 's' }],
    },
    headers: { cookie: 'pb_session=abc', 'x-csrf-token': 'c' },
    clientSecret: 's3',
    email: 'kept@example.com',
  })
  const line = sink.lines[0]!
  for (const secret of [
    'hunter2hunter2',
    'tok-value-1',
    'Bearer abc',
    'pb_session=abc',
    '"s"',
    's3',
    '"c"',
  ]) {
    expect(line).not.toContain(secret)
  }
  expect(sink.entries()[0]).toMatchObject({
    password: '[redacted]',
    nested: {
      apiToken: '[redacted]',
      list: [{ Authorization: '[redacted]' }, { sessionId: '[redacted]' }],
    },
    email: 'kept@example.com',
  })
})

test('errors keep name, message and stack; cycles do not break logging', () => {
  const error = Object.assign(new Error('boom'), { password: 'leak', code: 'E1' })
  const cyclic: Record<string, unknown> = { name: 'loop' }
  cyclic.self = cyclic
  expect(redact({ error, cyclic })).toEqual({
    error: {
      name: 'Error',
      message: 'boom',
      stack: expect.stringContaining('boom'),
      password: '[redacted]',
      code: 'E1',
    },
    cyclic: { name: 'loop', self: '[circular]' },
  })
})

test('bindings cannot smuggle secrets either', () => {
  const sink = memorySink()
  createLogger({ sink, bindings: { token: 'abc' } }).info('x')
  expect(sink.entries()[0]!.token).toBe('[redacted]')
})
