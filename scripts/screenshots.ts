// `npm run screenshots`: the README's pictures, taken from real Chromium with the built extension
// on the demo API (the same seed `npm start` uses). Writes docs/popup.png and docs/options.png.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startDemoApi } from '../test/fake-api/main';
import { assertExtensionBuilt, chromiumArgs, EXTENSION_DIR, findChromium } from '../test/e2e/chromium';

const docs = path.resolve(import.meta.dirname, '../docs');

const demo = await startDemoApi({ port: 0 });
const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'ws-screenshots-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: findChromium(),
  headless: true,
  deviceScaleFactor: 2,
  args: chromiumArgs({
    extensionDir: assertExtensionBuilt(EXTENSION_DIR),
    apiPort: demo.api.port,
    spki: demo.certificate.spki,
  }),
});
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const base = `chrome-extension://${new URL(worker.url()).host}`;

  const options = await context.newPage();
  await options.setViewportSize({ width: 760, height: 900 });
  await options.goto(`${base}/options.html`);
  await options.getByLabel('Instantly API key').fill(demo.seed.adminKey);
  await options.getByRole('button', { name: 'Save key' }).click();
  await options.getByText(`Connected to ${demo.seed.admin.name}`).waitFor();
  const [research] = demo.seed.unstructuredKeys;
  if (research) {
    await options.getByRole('textbox', { name: 'Unstructured workspace name' }).fill(research.name);
    await options.getByLabel('Unstructured API key').fill(research.key);
    await options.getByRole('button', { name: 'Add Unstructured workspace' }).click();
    await options.getByRole('button', { name: `Delete ${research.name}` }).waitFor();
  }
  await options.screenshot({ path: path.join(docs, 'options.png'), fullPage: true });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`${base}/popup.html`);
  const sub = demo.seed.subs.find((s) => s.status === 'accepted')!;
  await popup.getByRole('button', { name: `Act as ${sub.name}` }).click();
  await popup.getByRole('status').getByText(sub.name!).waitFor();
  await popup.getByRole('searchbox', { name: 'Search workspaces' }).focus();
  await popup.screenshot({ path: path.join(docs, 'popup.png') });
  console.log(`wrote ${path.join(docs, 'popup.png')} and options.png`);
} finally {
  await context.close();
  await demo.api.close();
  await rm(userDataDir, { recursive: true, force: true });
}
