// Copies the Jira OpenAPI schemas the sandbox's shape tests need (and everything they reference) into
// jira-schemas.json, so the tests run without the 2.4 MB document. Rerun when the document changes:
//   npx tsx test/jira-sandbox/openapi/extract-jira-schemas.ts [path/to/jira-platform-v3.json]
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOTS = [
  'User',
  'PageBeanProject',
  'Project',
  'ProjectDetails',
  'FieldDetails',
  'IssueTypeDetails',
  'StatusDetails',
  'SearchAndReconcileResults',
  'BulkIssueResults',
  'IssueBean',
  'JQLCountResultsBean',
  'ErrorCollection',
  'ServerInformation',
  'UserDetails',
  'Priority',
  'Permissions',
]
const DROP = new Set(['description', 'example', 'examples', 'xml', 'externalDocs'])

const source = process.argv[2] ?? '/work/shared/jira-openapi/jira-platform-v3.json'
const text = readFileSync(source, 'utf8')
const document = JSON.parse(text) as {
  info: { version: string }
  components: { schemas: Record<string, unknown> }
}
const all = document.components.schemas
const picked: Record<string, unknown> = {}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip)
  if (!value || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') visit(child.split('/').pop()!)
    // Inside `properties`, keys are property names, never annotations: keep them all.
    if (!DROP.has(key) || isPropertyMap(value)) out[key] = strip(child)
  }
  return out
}

function isPropertyMap(value: object): boolean {
  return Object.values(value).every((v) => v && typeof v === 'object' && !Array.isArray(v))
}

function visit(name: string): void {
  if (name in picked) return
  picked[name] = {}
  picked[name] = strip(all[name])
}

for (const root of ROOTS) visit(root)
const out = {
  source: 'developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json',
  version: document.info.version,
  sha256: createHash('sha256').update(text).digest('hex'),
  schemas: Object.fromEntries(Object.entries(picked).sort(([a], [b]) => a.localeCompare(b))),
}
writeFileSync(
  fileURLToPath(new URL('./jira-schemas.json', import.meta.url)),
  `${JSON.stringify(out, null, 1)}\n`,
)
console.log(`${Object.keys(picked).length} schemas written`)
