// The throwaway PostgreSQL server the suites rely on answers on loopback.
import pg from 'pg'
import { inject } from 'vitest'

test('the shared PostgreSQL server accepts connections on loopback', async () => {
  const url = inject('postgresAdminUrl')
  expect(new URL(url).hostname).toBe('127.0.0.1')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ version: string }>('select version() as version')
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/)
  } finally {
    await client.end()
  }
})
