/**
 * @module
 * Packages the Forge functions for `app.package: {bundler: manual@2026, path: forge-app/dist}`:
 * Forge then uploads `dist/` as is and expects CommonJS files exporting the manifest's handlers
 * (docs: Forge "Packaging standard"). Our sources are ESM TypeScript importing shared/, zod and
 * @forge/*, so esbuild bundles `index.ts` and everything it reaches into one `dist/index.js`.
 * Run with `npx tsx forge-app/build.ts` before `forge deploy` / `forge tunnel`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const FORGE_APP_DIR = dirname(fileURLToPath(import.meta.url))

export const DIST_DIR = join(FORGE_APP_DIR, 'dist')

/** Bundles the handlers into `outDir` (default forge-app/dist) and returns the bundle's path. */
export async function buildForgeApp(outDir: string = DIST_DIR): Promise<string> {
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })
  const outfile = join(outDir, 'index.js')
  await build({
    entryPoints: [join(FORGE_APP_DIR, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    // The manifest's runtime is nodejs22.x.
    target: 'node22',
    format: 'cjs',
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  })
  // The repository is "type": "module"; this keeps `index.js` CommonJS for Node here and in Forge.
  await writeFile(join(outDir, 'package.json'), `${JSON.stringify({ type: 'commonjs', private: true }, null, 2)}\n`)
  return outfile
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outfile = await buildForgeApp()
  console.log(`Forge functions bundled into ${outfile}`)
}
