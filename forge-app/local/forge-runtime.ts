/**
 * @module
 * The Forge platform, emulated for tests and `forge:local`, at the lowest seam we found: the two
 * globals the platform installs before it runs a function (pkg @forge/api out/api/fetch.js,
 * out/api/runtime.js; @forge/kvs out/index.js). `__forge_fetch__(target, path, init)` carries
 * every product, KVS and GraphQL call; `__forge_runtime__` carries the invocation's context.
 * Installing them lets the real `@forge/api`, `@forge/kvs` and `@forge/resolver` code run:
 * `requestJira` is forwarded to a Jira base URL with Basic auth (the sandbox on loopback, or a
 * real site with an API token), KVS lives in memory (or a JSON file), and
 * `webTrigger.getUrl` answers a local URL. Atlassian does not document these globals; the
 * tests in test/forge fail if a new @forge/api stops using them.
 */
import { z } from 'zod'
import { basicAuthorization } from '../../shared/jira/requester.js'
import { MemoryKvs } from './memory-kvs.js'

/** Where `requestJira` goes: any Jira Cloud REST base URL and an account that can read it. */
export interface JiraTarget {
  baseUrl: string
  email: string
  apiToken: string
}

export interface ForgeRuntimeOptions {
  /** Omit to make every Jira call fail as the platform would for an app with no site. */
  jira?: JiraTarget
  /** Whom `asUser()` calls act as (the admin looking at the page); defaults to `jira`'s account. */
  userJira?: JiraTarget
  kvs?: MemoryKvs
  /** The URL `webTrigger.getUrl(key)` answers; defaults to `http://127.0.0.1/x1/<key>`. */
  webTriggerUrl?: (moduleKey: string) => string
  appId?: string
  environmentId?: string
  installationId?: string
  cloudId?: string
}

/** One product call as the emulated proxy received it. */
export interface ProductCall {
  /** `app` for asApp(), `user` for asUser(), `none` for the bare `requestJira`. */
  as: string
  remote: string
  method: string
  path: string
}

export interface ForgeRuntime {
  readonly kvs: MemoryKvs
  /** Every Jira request, in order (what the sandbox would see). */
  readonly jiraCalls: ProductCall[]
  /** Restores whatever globals were there before. */
  uninstall(): void
}

const fetchTargetSchema = z.looseObject({
  type: z.string(),
  provider: z.string().optional(),
  remote: z.string().optional(),
})

const webTriggerUrlMutationSchema = z.looseObject({
  query: z.string(),
  variables: z.looseObject({
    input: z.looseObject({ triggerKey: z.string().min(1) }).optional(),
    moduleKey: z.string().optional(),
    id: z.string().optional(),
  }),
})

interface FetchInit {
  method?: string
  headers?: HeadersInit
  body?: BodyInit | null
  signal?: AbortSignal | null
}

type ForgeFetch = (target: unknown, path: string, init?: FetchInit) => Promise<Response>

interface ForgeGlobals {
  __forge_fetch__?: ForgeFetch
  __forge_runtime__?: unknown
}

function proxyError(reason: string, status = 501): Response {
  return new Response(JSON.stringify({ message: reason }), {
    status,
    headers: { 'forge-proxy-error': reason, 'content-type': 'application/json' },
  })
}

function graphql(data: unknown): Response {
  return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } })
}

function bodyText(body: FetchInit['body']): string | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return body
  if (body instanceof URLSearchParams) return body.toString()
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(body)
  throw new Error('The local Forge runtime only forwards string, URLSearchParams and ArrayBuffer bodies')
}

const noopMetrics = {
  counter: () => ({ incr() {}, incrBy() {}, decr() {}, decrBy() {} }),
  timing: () => ({ measure: () => ({ stop() {} }) }),
  gauge: () => ({ set() {} }),
}

/**
 * Installs the emulated platform in this process (one at a time) and returns its handle.
 * @throws if another emulated runtime is still installed.
 */
export function installForgeRuntime(options: ForgeRuntimeOptions = {}): ForgeRuntime {
  const globals = globalThis as typeof globalThis & ForgeGlobals
  if (globals.__forge_fetch__ || globals.__forge_runtime__) {
    throw new Error('A Forge runtime is already installed in this process: uninstall it first')
  }
  const kvs = options.kvs ?? new MemoryKvs()
  const jiraCalls: ProductCall[] = []
  const webTriggerUrl = options.webTriggerUrl ?? ((key: string) => `http://127.0.0.1/x1/${encodeURIComponent(key)}`)
  const appId = options.appId ?? '00000000-0000-0000-0000-000000000000'
  const environmentId = options.environmentId ?? 'local-development'
  const cloudId = options.cloudId ?? '11111111-1111-1111-1111-111111111111'

  async function jira(as: string, path: string, init: FetchInit): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase()
    jiraCalls.push({ as, remote: 'jira', method, path })
    const target = as === 'user' ? (options.userJira ?? options.jira) : options.jira
    if (!target) return proxyError('NO_JIRA_SITE_CONFIGURED', 503)
    const headers = new Headers(init.headers)
    headers.set('Authorization', basicAuthorization(target.email, target.apiToken))
    const body = bodyText(init.body)
    return fetch(`${target.baseUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(init.signal ? { signal: init.signal } : {}),
      // Like the real proxy, never follow a redirect with the credentials attached.
      redirect: 'manual',
    })
  }

  function stargate(path: string, init: FetchInit): Response {
    if (path !== '/graphql') return proxyError('NOT_EMULATED')
    const request = webTriggerUrlMutationSchema.safeParse(JSON.parse(bodyText(init.body) ?? '{}'))
    if (!request.success) return proxyError('NOT_EMULATED')
    const { query, variables } = request.data
    if (query.includes('createWebTriggerUrl') && variables.input) {
      return graphql({ createWebTriggerUrl: { url: webTriggerUrl(variables.input.triggerKey) } })
    }
    if (query.includes('deleteWebTriggerUrl')) return graphql({ deleteWebTriggerUrl: { success: true, message: null } })
    return proxyError('NOT_EMULATED')
  }

  const forgeFetch: ForgeFetch = async (target, path, init = {}) => {
    const parsed = fetchTargetSchema.safeParse(target)
    if (!parsed.success) return proxyError('INVALID_TARGET', 400)
    const { type, provider = 'none', remote } = parsed.data
    if (type === 'kvs') return kvs.handle(path, bodyText(init.body))
    if (type === 'fpp' && remote === 'jira') return jira(provider, path, init)
    if (type === 'fpp' && remote === 'stargate') return stargate(path, init)
    return proxyError('NOT_EMULATED')
  }

  globals.__forge_fetch__ = forgeFetch
  globals.__forge_runtime__ = {
    proxy: { token: 'local', url: 'http://127.0.0.1' },
    contextAri: `ari:cloud:jira::site/${cloudId}`,
    container: { runtime: 'nodejs22.x' },
    appContext: {
      appId,
      appVersion: '0.0.0-local',
      environmentId,
      environmentType: 'DEVELOPMENT',
      invocationId: 'local',
      installationId: options.installationId ?? 'local-installation',
      functionKey: 'local',
      moduleType: 'local',
      moduleKey: 'local',
    },
    lambdaContext: { awsRequestId: 'local', getRemainingTimeInMillis: () => 25_000 },
    tracing: { traceId: 'local', spanId: 'local' },
    realtime: {},
    metrics: noopMetrics,
    featureFlags: () => false,
  }

  return {
    kvs,
    jiraCalls,
    uninstall() {
      delete globals.__forge_fetch__
      delete globals.__forge_runtime__
    },
  }
}
