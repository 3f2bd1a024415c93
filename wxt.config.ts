import { defineConfig } from 'wxt';
import { manifestFor } from './lib/manifest';

// Build-time only: the manifest is a function of the target browser (see lib/manifest.ts).
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => manifestFor(browser, process.env.WS_EXTRA_HOSTS),
});
