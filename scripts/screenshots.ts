// `npm run screenshots`: the README's pictures, taken from real Chromium with the built extension
// on the demo API (the same seed `npm start` uses). Writes docs/popup.png and docs/options.png, and
// the store's images in docs/store/: 1280 × 800 screenshots of the popup and the settings (and of
// the agency console once console.html exists) and the 440 × 280 tile (docs/store/listing.md#images).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startDemoApi } from '../test/fake-api/main';
import { assertExtensionBuilt, chromiumArgs, EXTENSION_DIR, findChromium } from '../test/e2e/chromium';

const docs = path.resolve(import.meta.dirname, '../docs');
const store = path.join(docs, 'store');
/** A store screenshot: 1280 × 800 CSS pixels, whatever the device scale. */
const STORE_SIZE = { width: 1280, height: 800 };
/** Shows an extension page as a card on a plain backdrop, the way a store image reads best. */
const BACKDROP =
  'html{background:#dfe6f0;min-height:100%} body{max-width:420px;margin:48px auto !important;box-shadow:0 12px 40px #0003;border-radius:12px;overflow:hidden}';

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

  // The store's images, from the same state: the popup acting as a client, the settings, the
  // console when the build has one, and the tile.
  await popup.setViewportSize(STORE_SIZE);
  await popup.addStyleTag({ content: BACKDROP });
  await popup.screenshot({ path: path.join(store, 'screenshot-popup.png'), scale: 'css' });
  await options.setViewportSize(STORE_SIZE);
  await options.screenshot({ path: path.join(store, 'screenshot-settings.png'), scale: 'css' });
  if (existsSync(path.join(EXTENSION_DIR, 'console.html'))) {
    const consolePage = await context.newPage();
    await consolePage.setViewportSize(STORE_SIZE);
    await consolePage.goto(`${base}/console.html`);
    await consolePage.getByText(sub.name!).first().waitFor();
    await consolePage.screenshot({ path: path.join(store, 'screenshot-console.png'), scale: 'css' });
  } else console.log('no console.html in the build: docs/store/screenshot-console.png not written');
  const icon = (await readFile(path.resolve(import.meta.dirname, '../public/icon/128.png'))).toString('base64');
  const tile = await context.newPage();
  await tile.setViewportSize({ width: 440, height: 280 });
  await tile.setContent(
    `<body style="margin:0;height:280px;display:flex;align-items:center;gap:20px;padding:0 28px;box-sizing:border-box;` +
      `background:linear-gradient(135deg,#1d3a6e,#2f6fd6);color:#fff;font:16px system-ui,sans-serif">` +
      `<img src="data:image/png;base64,${icon}" width="96" height="96" alt="">` +
      `<div><div style="font-size:28px;font-weight:700;line-height:1.15">Workspace Switcher</div>` +
      `<div style="margin-top:8px;opacity:.9">for Instantly agencies: act as any client workspace in one click</div></div></body>`,
  );
  await tile.screenshot({ path: path.join(store, 'tile.png'), scale: 'css' });
  console.log(`wrote the store's images in ${store}`);
} finally {
  await context.close();
  await demo.api.close();
  await rm(userDataDir, { recursive: true, force: true });
}
