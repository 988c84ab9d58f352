// Starts what every suite shares: one PostgreSQL server for the whole run (each test file
// creates its own database in it). Set TEST_POSTGRES_URL to use an existing server instead.
import { mkdirSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { startPostgresServer } from './postgres-server.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string
  }
}

export default async function setup(project: TestProject) {
  // Suites write screenshots and scratch files here; a fresh clone does not have it yet.
  mkdirSync(new URL('../../test-output/', import.meta.url), { recursive: true })
  if (process.env.TEST_POSTGRES_URL) {
    project.provide('postgresAdminUrl', process.env.TEST_POSTGRES_URL)
    return
  }
  const server = await startPostgresServer()
  project.provide('postgresAdminUrl', server.adminUrl)
  return () => server.stop()
}
