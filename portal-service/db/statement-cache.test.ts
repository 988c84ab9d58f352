// The SQLite statement cache: one statement per SQL text, bounded, and transparent to Kysely.
import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect, type SqliteDatabase as KyselySqlite } from 'kysely'
import { withStatementCache } from './statement-cache.js'

function counting(database: SqliteDatabase.Database) {
  const prepared: string[] = []
  const wrapped: KyselySqlite = {
    prepare: (sql) => {
      prepared.push(sql)
      return database.prepare(sql)
    },
    close: () => database.close(),
  }
  return { wrapped, prepared }
}

describe('withStatementCache', () => {
  test('the same SQL is prepared once, whatever the parameters', async () => {
    const sqlite = new SqliteDatabase(':memory:')
    const { wrapped, prepared } = counting(sqlite)
    const db = new Kysely<{ things: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(wrapped) }) })
    await db.schema.createTable('things').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').execute()
    for (const [id, name] of [[1, 'one'], [2, 'two'], [3, 'three']] as const) await db.insertInto('things').values({ id, name }).execute()
    const names = []
    for (const id of [3, 1, 2]) names.push((await db.selectFrom('things').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name)
    expect(names).toEqual(['three', 'one', 'two'])
    expect(prepared.filter((sql) => sql.startsWith('insert'))).toHaveLength(1)
    expect(prepared.filter((sql) => sql.startsWith('select'))).toHaveLength(1)
    await db.destroy()
    expect(sqlite.open).toBe(false)
  })

  test('at most `capacity` statements are kept, the least recently used going first', () => {
    const sqlite = new SqliteDatabase(':memory:')
    const { wrapped, prepared } = counting(sqlite)
    const cache = withStatementCache(wrapped, 2)
    cache.prepare('select 1')
    cache.prepare('select 2')
    cache.prepare('select 1')
    cache.prepare('select 3')
    cache.prepare('select 1')
    cache.prepare('select 2')
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2'])
    cache.close()
  })
})
