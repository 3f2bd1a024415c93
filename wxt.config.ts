import { defineConfig } from 'wxt';
import { manifestFor } from './lib/build/manifest';
import { operationsIndexPlugin } from './lib/build/operations-index-plugin';

// Build-time only: the manifest is a function of the target browser (see lib/manifest.ts).
export default defineConfig({
  // webextension-polyfill is part of the product's fixed stack (README "Stack"): one promise API in both
  // browsers, whatever Chrome's own `chrome` does next. It costs about 2.5 kB gzip in each bundle.
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // `--mode e2e` is the test build: it also holds https://other.example and its subdomain
  // https://sub.other.example, granted at install, as stand-ins for sites the user allowed (a
  // headless browser cannot click a permission prompt).
  // The console's index of Instantly's operations, extracted from the OpenAPI document at build time.
  // Chrome and Firefox load modulepreloads natively: no polyfill in every page's code (issue 22).
  vite: () => ({ plugins: [operationsIndexPlugin()], build: { modulePreload: { polyfill: false } } }),
  // The sources zip AMO asks for: the tree as in git (dotfiles are left out by WXT), without what
  // a local run leaves behind (docs/store/reviewer-notes.md#build-from-the-sources-zip).
  zip: { excludeSources: ['test-results/**', 'playwright-report/**', 'bench/results.json', '**/*.log'] },
  manifest: ({ browser, mode }) =>
    manifestFor(browser, mode === 'e2e' ? 'https://other.example,https://sub.other.example' : ''),
});
