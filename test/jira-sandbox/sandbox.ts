// startJiraSandbox: builds the site from the seed and spec, and serves it on loopback.
import { DEFAULT_DATASET, loadDataset } from './model/dataset.js'
import { stableUuid } from './model/random.js'
import { createControlApi } from './http/control-api.js'
import { FaultRegistry } from './http/fault-registry.js'
import { startJiraServer } from './http/jira-server.js'
import { JqlEngine } from './jql/jql-engine.js'
import { SandboxStore } from './store.js'
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js'
import type { DatasetSpec, JiraSandbox, RequestLogEntry, SandboxOptions } from './types.js'

/** POSTs that only read: Jira's search, bulkfetch and count endpoints. */
const READ_ONLY_POSTS = new Set([
  '/rest/api/3/search/jql',
  '/rest/api/3/issue/bulkfetch',
  '/rest/api/3/search/approximate-count',
])

export async function startJiraSandbox(options: SandboxOptions = {}): Promise<JiraSandbox> {
  const seed = options.seed ?? 1
  const spec: DatasetSpec = { ...DEFAULT_DATASET, ...options.dataset }
  const clock = options.clock ?? (() => new Date())
  const store = new SandboxStore({
    clock,
    searchIndexLagMs: options.searchIndexLagMs ?? 0,
    storyPoints: spec.storyPoints,
  })
  const { admin, limited } = loadDataset(store, spec, seed, clock().getTime())
  const cloudId = stableUuid(`cloud:${seed}`)
  const faults = new FaultRegistry(options.latencyMs ?? 0)
  const log: RequestLogEntry[] = []
  const writes = () => log.filter(isWrite)
  let url = ''
  const engine = new JqlEngine(store)
  const webhooks = new WebhookDispatcher({
    store,
    engine,
    siteUrl: () => url,
    ...(options.webhookFetch ? { fetch: options.webhookFetch } : {}),
    ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}),
  })
  const control = createControlApi({
    store,
    faults,
    log,
    writes,
    webhooks,
    info: () => ({
      url,
      cloudId,
      seed,
      projects: store.projectRegistry.size,
      issues: store.live.size,
      accounts: store.accountRegistry
        .all()
        .map(({ email, token, scopedToken, revoked }) => ({ email, token, scopedToken, revoked })),
    }),
  })
  const server = await startJiraServer(
    { store, engine, faults, log, cloudId, control },
    options.host ?? '127.0.0.1',
    options.port ?? 0,
  )
  url = server.url
  return {
    url,
    cloudId,
    accounts: { admin, limited },
    store,
    faults,
    get requests() {
      return log
    },
    clearRequests: () => {
      log.length = 0
    },
    writes,
    webhooks,
    close: () => {
      webhooks.close()
      return server.close()
    },
  }
}

/** Anything but GET/HEAD would change Jira, except the three read-only POSTs (also via the gateway). */
export function isWrite(entry: RequestLogEntry): boolean {
  if (entry.method === 'GET' || entry.method === 'HEAD') return false
  const path = entry.path.replace(/^\/ex\/jira\/[^/]+/, '')
  return !(entry.method === 'POST' && READ_ONLY_POSTS.has(path))
}
