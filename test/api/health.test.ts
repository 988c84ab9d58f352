// The health check answers for the database, without a sign-in.
import { DIALECTS } from '../support/test-database.js'
import { createTestApp } from '../support/test-app.js'

describe.each(DIALECTS)('GET /api/health on %s', (dialect) => {
  test('200 while the database answers, 503 once it does not', async () => {
    const t = await createTestApp(dialect)
    try {
      const healthy = await t.anonymous.get('/api/health')
      expect(healthy.status).toBe(200)
      expect(healthy.body).toEqual({ status: 'ok' })
      await t.db.destroy()
      const down = await t.anonymous.get('/api/health')
      expect(down.status).toBe(503)
      expect(down.body).toEqual({ status: 'unavailable' })
    } finally {
      await t.destroy().catch(() => undefined)
    }
  })
})
