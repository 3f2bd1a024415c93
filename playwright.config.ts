import { defineConfig } from '@playwright/test';

// End-to-end tests drive a real Chromium (see test/e2e/chromium.ts) with the built extension
// (`npm run build` first). The browser is launched by the fixtures, not by a `projects` entry,
// so Playwright's own browser downloads are never needed.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1, // 2 workers were slower on 2 cores, and the fake API is shared per worker
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
});
