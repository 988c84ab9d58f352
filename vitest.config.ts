// One test run for every part: unit tests beside the code, cross-part suites under test/.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globals: true,
    include: [
      'shared/**/*.test.{ts,tsx}',
      'forge-app/**/*.test.{ts,tsx}',
      'portal-service/**/*.test.{ts,tsx}',
      'test/**/*.test.{ts,tsx}',
    ],
    // `*.case.test.ts` files export a runner that other suites call; they never run alone.
    exclude: ['**/node_modules/**', '**/*.case.test.{ts,tsx}'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
})
