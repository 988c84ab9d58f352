/**
 * @module
 * The initiative list's answer, kept serialized per portfolio for as long as nothing under it
 * changed. The list of a large portfolio is a few hundred kilobytes of JSON: building it costs
 * more than everything else a request does, while what it depends on changes a few times a
 * sync. Each request still authorizes, then asks the database for a fingerprint of the
 * portfolio's initiatives and roll-ups (two aggregate queries); an unchanged fingerprint serves
 * the bytes built before. Several portal instances stay correct: the fingerprint is read from
 * the shared database on every request.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { toCount } from '../../db/dialect.js'
import { rollupsFingerprint } from '../../epics/initiative-rollup.repository.js'

export interface InitiativeListCacheOptions {
  /** Serialized answers kept at most, over all portfolios. */
  maxBytes?: number
  /**
   * A backstop, not the invalidation: every write the portal makes changes the fingerprint, but
   * a write from outside it (a manual fix in SQL) would not; such an answer is rebuilt this late.
   */
  maxAgeMs?: number
  now?: () => number
}

interface Entry {
  fingerprint: string
  body: Uint8Array<ArrayBuffer>
  builtAt: number
}

/**
 * What the list shows changes only with its initiatives or their roll-ups. Every change to an
 * initiative bumps its `version` (or adds or removes a row); `count(owner_id)` catches an owner
 * cleared by the database itself when a user is deleted.
 */
export async function initiativeListFingerprint(db: Kysely<Database>, portfolioId: string): Promise<string> {
  const row = await db
    .selectFrom('initiatives')
    .select((eb) => [
      eb.fn.countAll().as('count'),
      eb.fn.count('ownerId').as('owners'),
      eb.fn.sum('version').as('versions'),
      eb.fn.max('updatedAt').as('updated'),
      eb.fn.max('createdAt').as('created'),
    ])
    .where('portfolioId', '=', portfolioId)
    .executeTakeFirst()
  const number = (value: unknown) => toCount(value as number | string | undefined)
  const initiatives = `${number(row?.count)}:${number(row?.owners)}:${number(row?.versions)}:${row?.updated ?? ''}:${row?.created ?? ''}`
  return `${initiatives}|${await rollupsFingerprint(db, portfolioId)}`
}

export class InitiativeListCache {
  readonly #entries = new Map<string, Entry>()
  readonly #building = new Map<string, Promise<Entry>>()
  readonly #maxBytes: number
  readonly #maxAgeMs: number
  readonly #now: () => number
  #bytes = 0

  constructor(options: InitiativeListCacheOptions = {}) {
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024
    this.#maxAgeMs = options.maxAgeMs ?? 30_000
    this.#now = options.now ?? (() => performance.now())
  }

  /**
   * The serialized list for `portfolioId`: the kept bytes when the fingerprint still matches,
   * else `build()` serialized (once, however many requests ask at the same moment). The
   * fingerprint is read before building, so a change made meanwhile is never hidden: at worst
   * the next request builds again.
   */
  async body(db: Kysely<Database>, portfolioId: string, build: () => Promise<unknown>): Promise<Uint8Array<ArrayBuffer>> {
    const fingerprint = await initiativeListFingerprint(db, portfolioId)
    const kept = this.#entries.get(portfolioId)
    if (kept && kept.fingerprint === fingerprint && this.#now() - kept.builtAt < this.#maxAgeMs) {
      // Most recently used last, so eviction takes the portfolio read longest ago.
      this.#entries.delete(portfolioId)
      this.#entries.set(portfolioId, kept)
      return kept.body
    }
    const key = `${portfolioId}|${fingerprint}`
    let building = this.#building.get(key)
    if (!building) {
      building = (async () => {
        const builtAt = this.#now()
        const body = encoder.encode(JSON.stringify(await build()))
        return { fingerprint, body, builtAt }
      })().finally(() => this.#building.delete(key))
      this.#building.set(key, building)
    }
    const entry = await building
    this.#keep(portfolioId, entry)
    return entry.body
  }

  #keep(portfolioId: string, entry: Entry): void {
    const previous = this.#entries.get(portfolioId)
    if (previous) {
      // An older build finishing late must not replace a newer one.
      if (previous.builtAt > entry.builtAt) return
      this.#entries.delete(portfolioId)
      this.#bytes -= previous.body.byteLength
    }
    if (entry.body.byteLength > this.#maxBytes) return
    this.#entries.set(portfolioId, entry)
    this.#bytes += entry.body.byteLength
    for (const [id, oldest] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break
      this.#entries.delete(id)
      this.#bytes -= oldest.body.byteLength
    }
  }
}

const encoder = new TextEncoder()
const caches = new WeakMap<Kysely<Database>, InitiativeListCache>()

/** One cache per database handle, so apps built over different databases never share answers. */
export function initiativeListCache(db: Kysely<Database>): InitiativeListCache {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new InitiativeListCache()))
  return cache
}
