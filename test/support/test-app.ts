// The portal app on a fresh test database, with a captured log and helpers to sign people in.
import { randomBytes } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Kysely } from 'kysely'
import { createApp, type AppDeps, type AppEnv } from '../../portal-service/app.js'
import type { CompanyView } from '../../portal-service/companies/company.service.js'
import { createCompany as insertCompany } from '../../portal-service/companies/company.service.js'
import { loadConfig, type Config } from '../../portal-service/config.js'
import { createIntegration } from '../../portal-service/jira/integration.js'
import type { Database } from '../../portal-service/db/database.js'
import { createLogger, memorySink } from '../../portal-service/log/logger.js'
import type { ScryptParams } from '../../portal-service/users/password.js'
import { createUser as insertUser, type UserView } from '../../portal-service/users/user.service.js'
import { createTestClock, type TestClock } from './test-clock.js'
import { createTestDatabase, type Dialect } from './test-database.js'

/** Cheap scrypt for fixture users: the hash format is the real one, only the cost is lower. */
const FIXTURE_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 }

export interface ApiResponse<T = any> {
  status: number
  headers: Headers
  body: T
}

export interface RequestOptions {
  headers?: Record<string, string>
  /** A JSON body; use `rawBody` for anything else. */
  body?: unknown
  rawBody?: BodyInit
}

/** Someone calling the API: anonymous, signed in with a cookie, or holding an access token. */
export interface Client {
  call<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>
  get<T = any>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>>
  post<T = any>(
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>
  patch<T = any>(
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>
  delete<T = any>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>>
}

export interface SessionClient extends Client {
  user: UserView
  password: string
  /** The `pb_session` cookie value. */
  sessionToken: string
  csrfToken: string
}

export interface TestUser extends UserView {
  password: string
}

export interface TestApp {
  dialect: Dialect
  app: OpenAPIHono<AppEnv>
  /** Everything the app was built with: the Jira access and the sync engine among them. */
  deps: AppDeps
  db: Kysely<Database>
  clock: TestClock
  config: Config
  secretKey: Buffer
  /** Every log line the app wrote. */
  logLines: string[]
  /** The app as a caller without credentials sees it. */
  anonymous: Client
  /** A client that sends exactly the headers given (cookies, tokens, origins). */
  client(headers: Record<string, string>): Client
  createCompany(name?: string): Promise<CompanyView>
  /** A user in `companyId` (a new company if omitted), created directly in the database. */
  createUser(options?: {
    companyId?: string
    email?: string
    name?: string
    password?: string
    siteAdmin?: boolean
  }): Promise<TestUser>
  /** Signs in through `POST /api/session` and returns a client carrying the cookie and CSRF token. */
  signIn(user: { email: string; password: string }): Promise<SessionClient>
  /** `createUser` then `signIn`. */
  newSession(options?: Parameters<TestApp['createUser']>[0]): Promise<SessionClient>
  destroy(): Promise<void>
}

export interface TestAppOptions {
  /** Extra environment variables for `loadConfig` (e.g. `TRUST_PROXY: '1'`). */
  env?: Record<string, string>
  /**
   * Adds or replaces app dependencies (a fake Jira access, say) once the core ones exist.
   * When `AppDeps` grows a required field, give it a default here.
   */
  deps?: (core: AppDeps) => Partial<AppDeps>
}

let counter = 0
/** Unique across files, dialects and runs sharing one PostgreSQL server. */
export function uniqueSuffix(): string {
  counter += 1
  return `${counter}-${randomBytes(3).toString('hex')}`
}

export async function createTestApp(
  dialect: Dialect,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect)
  const sink = memorySink()
  const config = loadConfig({
    DATABASE_URL:
      database.target.dialect === 'sqlite' ? `file:${database.target.file}` : database.target.url,
    LOG_LEVEL: 'debug',
    // The Jira sandbox runs on loopback over http.
    JIRA_ALLOW_INSECURE: '1',
    ...options.env,
  })
  const clock = createTestClock()
  const secretKey = randomBytes(32)
  const db = database.db
  const log = createLogger({ level: 'debug', sink })
  const core = { db, config, log, clock, secretKey }
  // Short Jira backoff in tests: the sandbox answers in milliseconds.
  const integration = createIntegration({ ...core, transport: { retry: { baseDelayMs: 10, maxDelayMs: 100 }, timeoutMs: 5_000 } })
  const deps: AppDeps = { ...core, ...integration }
  Object.assign(deps, options.deps?.(deps))
  const app = createApp(deps)

  const client = (baseHeaders: Record<string, string>): Client => {
    const call = async (method: string, path: string, request: RequestOptions = {}) => {
      const headers: Record<string, string> = { ...baseHeaders, ...request.headers }
      let body: BodyInit | undefined = request.rawBody
      if (request.body !== undefined) {
        body = JSON.stringify(request.body)
        headers['Content-Type'] ??= 'application/json'
      }
      // Streamed bodies need `duplex` (a fetch rule); harmless for the others.
      const init = { method, headers, body, ...(body === undefined ? {} : { duplex: 'half' }) }
      const response = await app.request(path, init as RequestInit)
      const text = await response.text()
      const json =
        response.headers.get('Content-Type')?.includes('json') && text ? JSON.parse(text) : text
      return { status: response.status, headers: response.headers, body: json }
    }
    return {
      call,
      get: (path, headers) => call('GET', path, { headers }),
      post: (path, body, headers) => call('POST', path, { body, headers }),
      patch: (path, body, headers) => call('PATCH', path, { body, headers }),
      delete: (path, headers) => call('DELETE', path, { headers }),
    }
  }
  const anonymous = client({})

  const testApp: TestApp = {
    dialect,
    app,
    deps,
    db,
    clock,
    config,
    secretKey,
    logLines: sink.lines,
    anonymous,
    client,
    createCompany: (name) => insertCompany(db, clock, null, name ?? `Company ${uniqueSuffix()}`),
    async createUser(user = {}) {
      const companyId = user.companyId ?? (await testApp.createCompany()).id
      const password = user.password ?? `pw-${randomBytes(9).toString('base64url')}`
      const suffix = uniqueSuffix()
      const created = await insertUser(
        db,
        clock,
        null,
        {
          email: user.email ?? `user-${suffix}@example.com`,
          name: user.name ?? `User ${suffix}`,
          password,
          companyId,
          siteAdmin: user.siteAdmin ?? false,
        },
        FIXTURE_SCRYPT,
      )
      return { ...created, password }
    },
    async signIn({ email, password }) {
      const response = await app.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      })
      if (response.status !== 200) {
        throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`)
      }
      const sessionToken = sessionCookieOf(response)
      const { user, csrfToken } = (await response.json()) as { user: UserView; csrfToken: string }
      return {
        ...client({ Cookie: `pb_session=${sessionToken}`, 'X-CSRF-Token': csrfToken }),
        user,
        password,
        sessionToken,
        csrfToken,
      }
    },
    async newSession(options) {
      return testApp.signIn(await testApp.createUser(options))
    },
    async destroy() {
      await deps.changes.stop()
      await deps.sync.stop()
      await database.destroy()
    },
  }
  return testApp
}

/** The `pb_session` value a response sets. */
export function sessionCookieOf(response: { headers: Headers }): string {
  const cookie = response.headers
    .getSetCookie()
    .map((header) => /^pb_session=([^;]*)/.exec(header)?.[1])
    .find((value) => value !== undefined)
  if (!cookie) throw new Error('the response set no pb_session cookie')
  return cookie
}
