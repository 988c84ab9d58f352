/**
 * @module
 * Forge's Key-Value Store, emulated at its HTTP protocol so the real `@forge/kvs` client runs
 * unchanged: the client POSTs JSON to `/api/v1/<operation>` and reads `{key, value, ...}` back,
 * a missing key as 404 `KEY_NOT_FOUND` (pkg @forge/kvs out/storage-api.js). Values, secrets,
 * TTLs and `keyPolicy: FAIL_IF_EXISTS` (409 `KEY_CONFLICT`) are emulated; entities, transactions
 * and batches answer 501 so a test relying on them fails loudly. Optionally persisted to a JSON
 * file for `forge:local`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { z } from 'zod'

const ttlSchema = z.strictObject({
  value: z.number().int().positive(),
  unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']),
})

const setOptionsSchema = z
  .looseObject({
    ttl: ttlSchema.optional(),
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
  })
  .optional()

const keySchema = z.looseObject({ key: z.string().min(1).max(500) })
const setSchema = keySchema.extend({ value: z.unknown(), options: setOptionsSchema })
const querySchema = z.looseObject({
  limit: z.number().int().positive().optional(),
  after: z.string().optional(),
  where: z
    .array(z.looseObject({ condition: z.literal('BEGINS_WITH'), property: z.literal('key'), values: z.array(z.string()).length(1) }))
    .optional(),
})

const entrySchema = z.strictObject({
  value: z.unknown(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Unix milliseconds; absent means no TTL. */
  expiresAt: z.number().optional(),
})
type Entry = z.infer<typeof entrySchema>

const fileSchema = z.strictObject({
  values: z.record(z.string(), entrySchema),
  secrets: z.record(z.string(), entrySchema),
})

const UNIT_SECONDS = { SECONDS: 1, MINUTES: 60, HOURS: 3_600, DAYS: 86_400 } as const

/** One KVS operation as the store saw it (secrets' values are never recorded). */
export interface KvsOperation {
  operation: string
  key?: string
}

export interface MemoryKvsOptions {
  /** Keep the store in this JSON file across runs (local development only: secrets in clear). */
  file?: string
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  now?: () => number
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

function forgeError(status: number, code: string, message: string): Response {
  return json(status, { code, message })
}

export class MemoryKvs {
  readonly operations: KvsOperation[] = []
  readonly #values = new Map<string, Entry>()
  readonly #secrets = new Map<string, Entry>()
  readonly #now: () => number
  readonly #file: string | undefined

  constructor(options: MemoryKvsOptions = {}) {
    this.#now = options.now ?? Date.now
    this.#file = options.file
    if (this.#file) this.#load(this.#file)
  }

  /** Answers one `@forge/kvs` request (`path` like `/api/v1/get`, `body` its JSON text). */
  async handle(path: string, body: string | undefined): Promise<Response> {
    let input: unknown
    try {
      input = JSON.parse(body ?? '{}')
    } catch {
      return forgeError(400, 'INVALID_REQUEST', 'The request body is not JSON')
    }
    const operation = path.replace(/^\/api\/v1\//, '')
    const key = keySchema.safeParse(input)
    this.operations.push(key.success ? { operation, key: key.data.key } : { operation })
    switch (operation) {
      case 'get':
        return this.#get(this.#values, input)
      case 'secret/get':
        return this.#get(this.#secrets, input)
      case 'set':
        return this.#set(this.#values, input)
      case 'secret/set':
        return this.#set(this.#secrets, input)
      case 'delete':
        return this.#delete(this.#values, input)
      case 'secret/delete':
        return this.#delete(this.#secrets, input)
      case 'query':
        return this.#query(input)
      default:
        return forgeError(501, 'NOT_EMULATED', `The local KVS does not emulate ${path}`)
    }
  }

  /** A value as stored (undefined if absent or expired), for test assertions. */
  peek(key: string): unknown {
    return this.#live(this.#values, key)?.value
  }

  /** Whether a secret is stored under `key` (its value is not exposed). */
  hasSecret(key: string): boolean {
    return this.#live(this.#secrets, key) !== undefined
  }

  #live(store: Map<string, Entry>, key: string): Entry | undefined {
    const entry = store.get(key)
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.#now()) {
      store.delete(key)
      return undefined
    }
    return entry
  }

  #get(store: Map<string, Entry>, input: unknown): Response {
    const request = keySchema.safeParse(input)
    if (!request.success) return forgeError(400, 'INVALID_REQUEST', 'key is required')
    const entry = this.#live(store, request.data.key)
    if (!entry) return forgeError(404, 'KEY_NOT_FOUND', 'Provided key does not exist')
    return json(200, {
      key: request.data.key,
      value: entry.value,
      createdAt: Math.floor(entry.createdAt / 1000),
      updatedAt: Math.floor(entry.updatedAt / 1000),
      ...(entry.expiresAt === undefined ? {} : { expireTime: new Date(entry.expiresAt).toISOString() }),
    })
  }

  #set(store: Map<string, Entry>, input: unknown): Response {
    const request = setSchema.safeParse(input)
    if (!request.success) return forgeError(400, 'INVALID_REQUEST', 'key and value are required')
    const { key, value, options } = request.data
    const existing = this.#live(store, key)
    if (existing && options?.keyPolicy === 'FAIL_IF_EXISTS') {
      return forgeError(409, 'KEY_CONFLICT', 'The key already exists')
    }
    const now = this.#now()
    const entry: Entry = {
      // A JSON round trip, as the real store keeps JSON and not object identity.
      value: JSON.parse(JSON.stringify(value ?? null)),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      ...(options?.ttl ? { expiresAt: now + options.ttl.value * UNIT_SECONDS[options.ttl.unit] * 1000 } : {}),
    }
    store.set(key, entry)
    this.#save()
    if (options?.returnValue) {
      const returned = options.returnValue === 'PREVIOUS' ? existing : entry
      return json(200, { key, value: returned?.value })
    }
    return new Response('', { status: 200 })
  }

  #delete(store: Map<string, Entry>, input: unknown): Response {
    const request = keySchema.safeParse(input)
    if (!request.success) return forgeError(400, 'INVALID_REQUEST', 'key is required')
    if (!this.#live(store, request.data.key)) return forgeError(404, 'KEY_NOT_FOUND', 'Provided key does not exist')
    store.delete(request.data.key)
    this.#save()
    return new Response('', { status: 200 })
  }

  #query(input: unknown): Response {
    const request = querySchema.safeParse(input)
    if (!request.success) return forgeError(400, 'INVALID_REQUEST', 'unsupported query')
    const prefix = request.data.where?.[0]?.values[0] ?? ''
    const keys = [...this.#values.keys()].filter((key) => key.startsWith(prefix) && this.#live(this.#values, key)).sort()
    const start = request.data.after ? keys.findIndex((key) => key > (request.data.after ?? '')) : 0
    const page = (start < 0 ? [] : keys.slice(start)).slice(0, request.data.limit ?? 20)
    const last = page.at(-1)
    return json(200, {
      data: page.map((key) => ({ key, value: this.#values.get(key)?.value })),
      ...(last && start >= 0 && start + page.length < keys.length ? { cursor: last } : {}),
    })
  }

  #load(file: string): void {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      return
    }
    const stored = fileSchema.parse(JSON.parse(text))
    for (const [key, entry] of Object.entries(stored.values)) this.#values.set(key, entry)
    for (const [key, entry] of Object.entries(stored.secrets)) this.#secrets.set(key, entry)
  }

  #save(): void {
    if (!this.#file) return
    const stored = { values: Object.fromEntries(this.#values), secrets: Object.fromEntries(this.#secrets) }
    writeFileSync(this.#file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 })
  }
}
