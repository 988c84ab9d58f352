/**
 * @module
 * Runs @forge/lint's client-side linters offline, the way `forge lint` runs them, minus the
 * network: feature flags come from a stub that answers "no flag" (the manifest linters only ask
 * for deprecated runtimes), and the permission linter reads Jira's OpenAPI document from
 * /work/shared/jira-openapi instead of downloading it. We call the exported pieces rather than
 * `lint()`, whose tsconfig filter silently drops every .ts file when tsconfig `include` lists
 * directories (ours does).
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NullLogger, StatsigService } from '@forge/cli-shared'
import { getClientSideLintersOnly, parseSourceFile, tsParser, type LintInput, type LintResult } from '@forge/lint'
import type { ManifestSchema } from '@forge/manifest'

export const JIRA_OPENAPI = '/work/shared/jira-openapi/jira-platform-v3.json'

/** Feature flags as if the flag service were unreachable (what the CLI falls back to). */
class OfflineStatsig extends StatsigService {
  constructor() {
    super(
      NullLogger,
      undefined,
      { getCredentials: () => Promise.reject(new Error('offline: no Atlassian credentials')) },
      { readConfigSection: async () => 'missing' as const },
    )
  }
  override async checkGate(): Promise<null> {
    return null
  }
  override async getDynamicConfig(): Promise<null> {
    return null
  }
}

let prepared: Promise<void> | undefined

/** Points the permission linter at local API documents and its cache at a temporary folder. */
function prepareOfflineEnvironment(): Promise<void> {
  prepared ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-forge-lint-'))
    const empty = join(dir, 'no-paths.json')
    await writeFile(empty, '{"paths":{}}')
    Object.assign(process.env, {
      USE_LOCAL_SWAGGER: 'true',
      LOCAL_JIRA_SWAGGER: JIRA_OPENAPI,
      // We call no Jira Software/Service Management, Confluence or Bitbucket API.
      LOCAL_JSM_SWAGGER: empty,
      LOCAL_JSW_SWAGGER: empty,
      LOCAL_CONF_SWAGGER: empty,
      LOCAL_CONF_V2_SWAGGER: empty,
      LOCAL_BB_SWAGGER: empty,
      XDG_CONFIG_HOME: dir,
    })
  })()
  return prepared
}

export interface ForgeLintReport {
  /** Files actually parsed and handed to the linters. */
  linted: string[]
  errors: Array<{ file: string; line: number; message: string }>
  warnings: Array<{ file: string; line: number; message: string }>
}

/**
 * Lints `files` (paths relative to the cwd, which must be the app root as for `forge lint`)
 * against `manifest`. Files are parsed for syntax only: type errors are tsc's job, and building
 * a TypeScript program for the whole repository would take longer than the linting.
 */
export async function forgeLint(files: readonly string[], manifest: ManifestSchema): Promise<ForgeLintReport> {
  await prepareOfflineEnvironment()
  const inputs: LintInput[] = await Promise.all(
    files.map((file) =>
      parseSourceFile(file, (code, path) =>
        tsParser(code, path, { project: undefined }),
      ),
    ),
  )
  const linters = await getClientSideLintersOnly(manifest, 'development', { info: () => undefined }, new OfflineStatsig())
  for (const linter of linters) await linter.bootstrap()
  const results: LintResult[] = []
  for (const linter of linters) results.push(...(await linter.batchExecute(inputs)))
  const flatten = (kind: 'errors' | 'warnings') =>
    results.flatMap((result) => result[kind].map((rule) => ({ file: result.file, line: rule.line, message: rule.message })))
  return { linted: inputs.filter((input) => input.ast).map((input) => input.filepath), errors: flatten('errors'), warnings: flatten('warnings') }
}
