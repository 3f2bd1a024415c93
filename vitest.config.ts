import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { operationsIndexPlugin } from './lib/build/operations-index-plugin.ts';

export default defineConfig({
  plugins: [WxtVitest(), operationsIndexPlugin()],
  test: {
    // Only unit tests: Playwright's specs live in test/e2e and must not be picked up here.
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    // Component tests opt into a DOM with a `// @vitest-environment happy-dom` comment.
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    // The JSON report is what .ci/run counts.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
