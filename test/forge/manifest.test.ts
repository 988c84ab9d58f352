// manifest.yml against Atlassian's own validator and client-side linters, with broken copies to prove the checks bite.
import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ProductTriggerValidationProcessor, validate, type ManifestSchema } from '@forge/manifest'
import { buildForgeApp } from '../../forge-app/build.js'
import { PORTAL_WEB_TRIGGER_KEY } from '../../forge-app/web-trigger/module-keys.js'
import { forgeLint } from './forge-lint.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const LINT_TIMEOUT_MS = 180_000
/** What `PORTAL_ORIGIN=… forge deploy` would be given; the manifest needs it to parse at all. */
const PORTAL_ORIGIN = 'https://portal.example.com'
const ISSUE_EVENTS = ['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:deleted:issue']

let manifestText: string
let manifest: ManifestSchema
let previousCwd: string
let previousOrigin: string | undefined

async function validateFile(path: string) {
  const result = await validate(false, path)
  return { success: result.success, messages: (result.errors ?? []).map((error) => error.message) }
}

async function typedManifest(path: string): Promise<ManifestSchema> {
  const result = await validate(false, path)
  const typed = result.manifestObject?.typedContent
  if (!typed) throw new Error(`${path} did not parse`)
  // Full validation parses against the full schema; the union type covers the basic one too.
  return typed as ManifestSchema
}

/** The sources that end up in the Forge bundle, as `forge lint` would see them (paths from the root). */
async function appSources(): Promise<string[]> {
  const files: string[] = []
  for (const dir of ['forge-app', 'shared/contract', 'shared/events', 'shared/jira']) {
    for (const entry of await readdir(join(ROOT, dir), { recursive: true })) {
      const path = join(dir, entry)
      if (!/\.tsx?$/.test(path) || /\.test\.tsx?$/.test(path)) continue
      // Local tooling never ships: the emulator, the build script.
      if (path.startsWith('forge-app/local/') || path.startsWith('forge-app/dist/') || path === 'forge-app/build.ts') continue
      files.push(path)
    }
  }
  return files.sort()
}

/** A copy of manifest.yml in a temporary app folder whose forge-app/ is the real one. */
async function manifestCopy(text: string): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pb-manifest-'))
  await symlink(join(ROOT, 'forge-app'), join(dir, 'forge-app'), 'dir')
  const path = join(dir, 'manifest.yml')
  await writeFile(path, text)
  return { dir, path }
}

function mutate(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`manifest.yml no longer contains ${JSON.stringify(from)}`)
  return text.replace(from, to)
}

beforeAll(async () => {
  // Forge's tools read manifest.yml and the sources relative to the working directory.
  previousCwd = process.cwd()
  process.chdir(ROOT)
  // The Forge CLI reads manifest variables from the environment it runs in (docs: Forge "Manifest variables").
  previousOrigin = process.env.PORTAL_ORIGIN
  process.env.PORTAL_ORIGIN = PORTAL_ORIGIN
  await buildForgeApp()
  manifestText = await readFile(join(ROOT, 'manifest.yml'), 'utf8')
  manifest = await typedManifest(join(ROOT, 'manifest.yml'))
}, 60_000)

afterAll(() => {
  process.chdir(previousCwd)
  if (previousOrigin === undefined) delete process.env.PORTAL_ORIGIN
  else process.env.PORTAL_ORIGIN = previousOrigin
})

/** Runs `check` with PORTAL_ORIGIN set to `value` (or unset), then puts the test's value back. */
async function withOrigin<T>(value: string | undefined, check: () => Promise<T>): Promise<T> {
  if (value === undefined) delete process.env.PORTAL_ORIGIN
  else process.env.PORTAL_ORIGIN = value
  try {
    return await check()
  } finally {
    process.env.PORTAL_ORIGIN = PORTAL_ORIGIN
  }
}

describe('manifest.yml', () => {
  test('passes Atlassian full validation, handler files included', async () => {
    await expect(validateFile(join(ROOT, 'manifest.yml'))).resolves.toEqual({ success: true, messages: [] })
  })

  test('is a Jira app on nodejs22.x whose functions are packaged manually into forge-app/dist', () => {
    expect(manifest.app.runtime).toEqual({ name: 'nodejs22.x' })
    expect(manifest.app.id).toMatch(/^ari:cloud:ecosystem::app\//)
    expect(manifest.app.package).toEqual({ bundler: 'manual@2026', path: 'forge-app/dist' })
  })

  test('asks for the fewest scopes, all read-only or app storage', () => {
    expect(manifest.permissions?.scopes).toEqual(['read:jira-work', 'storage:app'])
  })

  test('names only handlers the bundle exports, the web trigger key the code uses, and an existing UI Kit entry', () => {
    const bundle: Record<string, unknown> = createRequire(import.meta.url)(join(ROOT, 'forge-app/dist/index.js'))
    const functions = manifest.modules?.function ?? []
    expect(functions.map((fn) => fn.handler).sort()).toEqual(['index.adminResolver', 'index.handleIssueEvent', 'index.handlePortalRequest'])
    for (const fn of functions) expect(typeof bundle[fn.handler.split('.')[1] ?? '']).toBe('function')

    const webtriggers = manifest.modules?.webtrigger ?? []
    expect(webtriggers).toEqual([
      { key: PORTAL_WEB_TRIGGER_KEY, function: 'portal-request', response: { type: 'dynamic' } },
    ])

    const [page] = manifest.modules?.['jira:adminPage'] ?? []
    expect(page).toMatchObject({ render: 'native', resource: 'admin-page', resolver: { function: 'admin-resolver' } })
    const resource = manifest.resources?.find((entry) => entry.key === 'admin-page')
    expect(resource?.path).toBe('forge-app/frontend/admin-page.tsx')
    expect(existsSync(join(ROOT, resource?.path ?? 'missing'))).toBe(true)
  })

  test('subscribes to issue created, updated and deleted events, with the scope Atlassian says they need', async () => {
    expect(manifest.modules?.trigger).toEqual([{ key: 'issue-events', function: 'issue-event', events: ISSUE_EVENTS }])
    expect(manifest.modules?.function?.find((fn) => fn.key === 'issue-event')?.handler).toBe('index.handleIssueEvent')
    // The validator does not know event names; @forge/manifest's own event-to-scope table does.
    const { mapping: table }: { mapping: Array<{ productEvent: string; oAuthScopes: { current: string[] } }> } = JSON.parse(
      await readFile(join(dirname(createRequire(import.meta.url).resolve('@forge/manifest')), 'mapping/product-event-to-scope-mapping.json'), 'utf8'),
    )
    for (const event of ISSUE_EVENTS) {
      const entry = table.find((row) => row.productEvent === event)
      expect(entry, event).toBeDefined()
      for (const scope of entry!.oAuthScopes.current) expect(manifest.permissions?.scopes).toContain(scope)
    }
    await expect(new ProductTriggerValidationProcessor().process(join(ROOT, 'manifest.yml'))).resolves.toMatchObject({ success: true })
    const copy = await manifestCopy(mutate(manifestText, '    - read:jira-work\n', ''))
    try {
      const unscoped = await new ProductTriggerValidationProcessor().process(copy.path)
      expect(unscoped.success).toBe(false)
      expect((unscoped.errors ?? []).map((error) => error.message).join('\n')).toMatch(/read:jira-work/)
    } finally {
      await rm(copy.dir, { recursive: true, force: true })
    }
  })

  test("forwards only to the portal: PORTAL_ORIGIN, given at deploy time, is the app's one egress", async () => {
    expect(manifest.environment?.variables).toEqual(['PORTAL_ORIGIN'])
    expect(manifest.permissions?.external).toEqual({ fetch: { backend: [{ address: PORTAL_ORIGIN, inScopeEUD: false }] } })
    // Without it the manifest does not parse, so `forge deploy` cannot ship an app that reports to nowhere.
    await expect(withOrigin(undefined, () => validateFile(join(ROOT, 'manifest.yml')))).resolves.toEqual({
      success: false,
      messages: [expect.stringContaining("could not find environment variable 'PORTAL_ORIGIN'")],
    })
    // Forge egress is https only.
    const insecure = await withOrigin('http://portal.example.com', () => validateFile(join(ROOT, 'manifest.yml')))
    expect(insecure.success).toBe(false)
    expect(insecure.messages.join('\n')).toMatch(/Invalid 'external.fetch.backend' permission/)
    const other = await withOrigin('https://bridge.acme.example', () => typedManifest(join(ROOT, 'manifest.yml')))
    expect(other.permissions?.external?.fetch?.backend).toEqual([{ address: 'https://bridge.acme.example', inScopeEUD: false }])
  })

  describe('broken copies are rejected', () => {
    const dirs: string[] = []
    afterAll(async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true })
    })

    test('an unchanged copy passes (so the failures below are caused by the breakage)', async () => {
      const copy = await manifestCopy(manifestText)
      dirs.push(copy.dir)
      await expect(validateFile(copy.path)).resolves.toEqual({ success: true, messages: [] })
    })

    test.each([
      ['an unsupported runtime', 'name: nodejs22.x', 'name: nodejs16.x', /runtime property name 'nodejs16.x' allowed values/],
      ['a handler file that does not exist', 'handler: index.adminResolver', 'handler: missing.adminResolver', /cannot find associated file/],
      ['an app id that is not an ARI', 'id: ari:cloud:ecosystem::app/', 'id: my-app/', /property id .* must match pattern/],
      ['a resource entry that does not exist', 'path: forge-app/frontend/admin-page.tsx', 'path: forge-app/frontend/nothing.tsx', /missing resource/],
      ['a web trigger function that is not declared', 'function: portal-request\n', 'function: portal-requests\n', /undefined function module with key 'portal-requests'/],
      ['an unknown module type', 'jira:adminPage:', 'jira:adminPages:', /invalid value 'jira:adminPages' in modules/],
      ['a trigger whose function is not declared', 'function: issue-event\n', 'function: issue-events-function\n', /undefined function module with key 'issue-events-function'/],
      ['an egress that is not a URL', "address: '${PORTAL_ORIGIN}'", "address: 'not a url ${PORTAL_ORIGIN}'", /Invalid 'external.fetch.backend' permission/],
    ])('%s', async (_case, from, to, expected) => {
      const copy = await manifestCopy(mutate(manifestText, from, to))
      dirs.push(copy.dir)
      const result = await validateFile(copy.path)
      expect(result.success).toBe(false)
      expect(result.messages.join('\n')).toMatch(expected)
    })
  })

  test(
    "the app's sources and bundle pass the client-side linters",
    async () => {
      const sources = await appSources()
      expect(sources).toEqual(
        expect.arrayContaining([
          'forge-app/index.ts',
          'forge-app/web-trigger/handle-portal-request.ts',
          'forge-app/frontend/admin-page.tsx',
          'shared/contract/signing.ts',
        ]),
      )
      const report = await forgeLint([...sources, 'forge-app/dist/index.js'], manifest)
      expect(report.linted).toHaveLength(sources.length + 1)
      expect(report.errors).toEqual([])
      expect(report.warnings).toEqual([])
    },
    LINT_TIMEOUT_MS,
  )

  test(
    'the linters do catch a missing scope and a handler the bundle does not export',
    async () => {
      const dir = await mkdtemp(join(ROOT, 'test-output', 'forge-lint-'))
      try {
        const source = join(dir, 'calls-jira.ts')
        await writeFile(
          source,
          "import { asApp, route } from '@forge/api'\nexport const read = () => asApp().requestJira(route`/rest/api/3/project/search`)\n",
        )
        const broken = mutate(
          mutate(manifestText, '    - read:jira-work\n', ''),
          'handler: index.handlePortalRequest',
          'handler: index.notExported',
        )
        const copy = await manifestCopy(broken)
        try {
          const report = await forgeLint([relative(ROOT, source), 'forge-app/dist/index.js'], await typedManifest(copy.path))
          expect(report.errors.map((error) => error.message).join('\n')).toMatch(/read:jira-work/)
          expect(report.warnings.map((warning) => warning.message).join('\n')).toMatch(/notExported/)
        } finally {
          await rm(copy.dir, { recursive: true, force: true })
        }
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    LINT_TIMEOUT_MS,
  )
})
