// Every operation of the API, read from its own OpenAPI document, with valid example inputs built from the schemas.
import type { Client } from '../../support/test-app.js'

export type JsonSchema = Record<string, unknown>

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>
  components: { schemas: Record<string, JsonSchema> }
}

export interface OpenApiOperation {
  summary?: string
  security?: unknown[]
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema }[]
  requestBody?: { required?: boolean; content?: Record<string, { schema: JsonSchema }> }
  responses: Record<string, unknown>
}

export interface ApiOperation {
  /** `METHOD /path/{param}`, as the document names it. */
  key: string
  method: string
  path: string
  operation: OpenApiOperation
  /** Needs a signed-in caller (the document lists a security requirement). */
  secured: boolean
  /** The JSON body schema, if the operation takes one. */
  body: JsonSchema | null
  pathParams: string[]
  queryParams: OpenApiOperation['parameters']
  /** The statuses the document lists for it. */
  documented: Set<number>
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export async function loadOperations(client: Client): Promise<{ document: OpenApiDocument; operations: ApiOperation[] }> {
  const response = await client.get('/api/openapi.json')
  if (response.status !== 200) throw new Error(`GET /api/openapi.json answered ${response.status}`)
  const document = response.body as OpenApiDocument
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]): ApiOperation => {
      const parameters = operation.parameters ?? []
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        operation,
        secured: (operation.security ?? []).length > 0,
        body: operation.requestBody?.content?.['application/json']?.schema ?? null,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        queryParams: parameters.filter((p) => p.in === 'query'),
        documented: new Set(Object.keys(operation.responses).map(Number)),
      }
    }),
  )
  return { document, operations }
}

export const isWrite = (operation: ApiOperation) => WRITE_METHODS.has(operation.method)

export function resolve(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  const ref = schema?.$ref
  if (typeof ref === 'string') return resolve(document, document.components.schemas[ref.split('/').at(-1)!])
  return schema ?? {}
}

/** A string matching the simple patterns the API uses (`^[class]{n,m}$`), else null. */
function sampleOfPattern(pattern: string): string | null {
  const simple = /^\^\[([^\]]+)\]\{(\d+)(?:,(\d+))?\}\$$/.exec(pattern)
  if (!simple) return null
  const first = simple[1]!.replace(/^\\/, '')[0]!
  return first.repeat(Number(simple[2]))
}

/**
 * A value the schema accepts. Fields named in `known` take that value (real ids and keys of the
 * test's world); everything else comes from the schema: enums, formats, examples, minimums.
 */
export function exampleOf(document: OpenApiDocument, schema: JsonSchema | undefined, known: Record<string, unknown> = {}, name?: string): unknown {
  if (name !== undefined && name in known) return known[name]
  const s = resolve(document, schema)
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) return exampleOf(document, ((s.oneOf ?? s.anyOf) as JsonSchema[])[0], known, name)
  if (s.example !== undefined) return s.example
  if (Array.isArray(s.enum)) return s.enum.find((v) => v !== null)
  switch (s.type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>
      const required = new Set((s.required ?? []) as string[])
      const entries = Object.entries(properties)
        .filter(([key]) => required.has(key) || key in known)
        .map(([key, property]) => [key, exampleOf(document, property, known, key)])
      return Object.fromEntries(entries)
    }
    case 'array':
      return Array.from({ length: Math.max(1, Number(s.minItems ?? 1)) }, () => exampleOf(document, s.items as JsonSchema, known))
    case 'boolean':
      return true
    case 'integer':
    case 'number':
      return Number(s.minimum ?? 1)
    default: {
      if (s.format === 'uuid') return crypto.randomUUID()
      if (s.format === 'email') return 'someone@example.com'
      if (s.format === 'date') return '2027-01-04'
      if (typeof s.pattern === 'string') return sampleOfPattern(s.pattern) ?? 'A'
      return 'x'.repeat(Math.max(1, Number(s.minLength ?? 1)))
    }
  }
}
