// `npm start` (= `wxt build && tsx scripts/start.ts`): the demo. Starts the fake Instantly +
// Unstructured API over TLS (port 8443 if free), seeded with the demo agency, prints the keys,
// and opens Chromium with the freshly built extension and a throw-away profile: the options page
// in the first tab, the fake's "Who am I?" page on https://app.instantly.ai/demo (its key box
// filled with the demo admin key) in the second, so the switch can be seen at once.
//
//   npm start                      needs a display; on a server: xvfb-run -a npm start
//   tsx scripts/start.ts --headless   same without a window (smoke checks)
//   tsx scripts/start.ts --port 9443  another port for the fake (0 = any free port)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext } from '@playwright/test';
import { describeKeys, startDemoApi, type DemoApi } from '../test/fake-api/main';
import { assertExtensionBuilt, chromiumArgs, EXTENSION_DIR, findChromium } from '../test/e2e/chromium';

const DEFAULT_PORT = 8443;

async function startApi(port: number | undefined): Promise<DemoApi> {
  if (port !== undefined) return startDemoApi({ port });
  try {
    return await startDemoApi({ port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${DEFAULT_PORT} is taken; using a free port instead.`);
    return startDemoApi({ port: 0 });
  }
}

async function main(): Promise<number | undefined> {
  const { values } = parseArgs({
    options: { headless: { type: 'boolean', default: false }, port: { type: 'string' } },
  });
  const headless = values.headless;
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    console.error(`--port must be a port number, got ${values.port}`);
    return 1;
  }

  if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error(
      [
        'No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so Chromium cannot open a window.',
        'Run the demo under a virtual display instead:',
        '',
        '  xvfb-run -a npm start',
        '',
        '(or `npx tsx scripts/start.ts --headless` to start everything without a window).',
      ].join('\n'),
    );
    return 1;
  }

  let extensionDir: string;
  try {
    extensionDir = assertExtensionBuilt(EXTENSION_DIR);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }

  const demo = await startApi(port);
  const rows = describeKeys(demo.seed);
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    [
      `Fake Instantly + Unstructured API on ${demo.api.url} (the browser reaches it as https://api.instantly.ai etc.)`,
      '',
      'Demo API keys (paste the first into the options page):',
      ...rows.map(([label, key]) => `  ${label.padEnd(width)}  ${key}`),
      '',
    ].join('\n'),
  );

  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'workspace-switcher-demo-'));
  let context: BrowserContext | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping: closing Chromium and the fake API…');
    await context?.close().catch(() => {});
    await demo.api.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    process.exit(code);
  };
  // Ours, not Playwright's: its handlers would exit (130) before the profile is removed.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless,
      viewport: null, // the window's own size
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: chromiumArgs({ extensionDir, apiPort: demo.api.port, spki: demo.certificate.spki }),
    });
  } catch (error) {
    console.error(`Chromium did not start: ${(error as Error).message}`);
    await stop(1);
    return 1;
  }
  // Closing the last window ends the demo too.
  context.on('close', () => void stop(0));

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  const optionsPage = context.pages()[0] ?? (await context.newPage());
  await optionsPage.goto(`chrome-extension://${extensionId}/options.html`);
  const appPage = await context.newPage();
  // The key goes in the fragment, which the page reads and no server ever receives.
  const demoUrl = `https://app.instantly.ai/demo#key=${encodeURIComponent(demo.seed.adminKey)}`;
  await appPage.goto(demoUrl);
  await optionsPage.bringToFront();

  console.log(
    [
      `Chromium is running${headless ? ' (headless)' : ''} with the extension ${extensionId}:`,
      `  tab 1: chrome-extension://${extensionId}/options.html`,
      '  tab 2: https://app.instantly.ai/demo, a page that asks the API "Who am I?" (served by the fake)',
      '',
      'See the switch work:',
      `  1. Tab 1: paste the admin key (${demo.seed.adminKey}) and press Save key.`,
      '  2. Tab 2: press "Who am I?": the API answers as the admin workspace.',
      '  3. Open the popup (the toolbar icon, or Ctrl+Shift+Y) and press Act as next to a sub workspace.',
      '  4. Tab 2: press "Who am I?" again: the API now answers as that sub workspace.',
      '  5. The popup\'s "Recent API calls" lists both calls and whom each went out as.',
      '',
      'Ctrl+C (or closing the browser) stops everything.',
    ].join('\n'),
  );
  return undefined; // keep running until Ctrl+C
}

main().then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
