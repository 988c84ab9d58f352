// Row ids: random UUIDs as text, the same on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto'

export function newId(): string {
  return randomUUID()
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value)
}
