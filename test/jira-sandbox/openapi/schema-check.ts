// Checks JSON against the Jira OpenAPI schemas in jira-schemas.json. Extra keys are allowed on purpose:
// the document forbids them on Project, User and SearchAndReconcileResults, yet real Jira sends some
// (a team-managed project's entityId); see the README beside the document.
import { readFileSync } from 'node:fs'

interface Schema {
  $ref?: string
  type?: string
  format?: string
  enum?: unknown[]
  nullable?: boolean
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  items?: Schema
  allOf?: Schema[]
  oneOf?: Schema[]
  anyOf?: Schema[]
  maxLength?: number
  maximum?: number
}

const file = JSON.parse(readFileSync(new URL('./jira-schemas.json', import.meta.url), 'utf8')) as {
  schemas: Record<string, Schema>
}

/** Jira renders date-times as `2026-11-25T10:00:00.000+0100`; ISO forms with a colon are accepted too. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Every way `value` breaks the named schema (empty when it conforms). */
export function schemaErrors(value: unknown, schemaName: string): string[] {
  const schema = file.schemas[schemaName]
  if (!schema) throw new Error(`No schema ${schemaName} in jira-schemas.json`)
  const errors: string[] = []
  check(value, schema, schemaName, errors)
  return errors
}

function check(value: unknown, schema: Schema, path: string, errors: string[]): void {
  if (schema.$ref) return check(value, resolve(schema.$ref), path, errors)
  for (const part of schema.allOf ?? []) check(value, part, path, errors)
  const alternatives = schema.oneOf ?? schema.anyOf
  if (alternatives && !alternatives.some((s) => probe(value, s)))
    errors.push(`${path}: matches none of the alternatives`)
  if (value === null) {
    if (!schema.nullable && schema.type)
      errors.push(`${path}: null where ${schema.type} is expected`)
    return
  }
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`)
  const type = schema.type ?? (schema.properties ? 'object' : undefined)
  switch (type) {
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value))
        return void errors.push(`${path}: not an object`)
      checkObject(value as Record<string, unknown>, schema, path, errors)
      break
    case 'array':
      if (!Array.isArray(value)) return void errors.push(`${path}: not an array`)
      if (schema.items)
        value.forEach((item, i) => check(item, schema.items!, `${path}[${i}]`, errors))
      break
    case 'string':
      if (typeof value !== 'string') return void errors.push(`${path}: not a string`)
      checkFormat(value, schema, path, errors)
      break
    case 'integer':
      if (!Number.isInteger(value)) errors.push(`${path}: not an integer`)
      break
    case 'number':
      if (typeof value !== 'number') errors.push(`${path}: not a number`)
      break
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${path}: not a boolean`)
      break
  }
}

function checkObject(
  value: Record<string, unknown>,
  schema: Schema,
  path: string,
  errors: string[],
): void {
  for (const name of schema.required ?? [])
    if (!(name in value)) errors.push(`${path}.${name}: required but missing`)
  const extra =
    typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined
  for (const [name, child] of Object.entries(value)) {
    const property = schema.properties?.[name]
    if (property) check(child, property, `${path}.${name}`, errors)
    else if (extra && Object.keys(extra).length > 0) check(child, extra, `${path}.${name}`, errors)
  }
}

function checkFormat(value: string, schema: Schema, path: string, errors: string[]): void {
  if (schema.maxLength !== undefined && value.length > schema.maxLength)
    errors.push(`${path}: longer than ${schema.maxLength}`)
  if (schema.format === 'uri' && !URL.canParse(value)) errors.push(`${path}: not a URI: ${value}`)
  if (schema.format === 'uuid' && !UUID.test(value)) errors.push(`${path}: not a UUID: ${value}`)
  if (schema.format === 'date-time' && !DATE_TIME.test(value))
    errors.push(`${path}: not a date-time: ${value}`)
}

function probe(value: unknown, schema: Schema): boolean {
  const errors: string[] = []
  check(value, schema, '', errors)
  return errors.length === 0
}

function resolve(ref: string): Schema {
  const schema = file.schemas[ref.split('/').pop()!]
  if (!schema) throw new Error(`Unresolved ${ref}`)
  return schema
}
