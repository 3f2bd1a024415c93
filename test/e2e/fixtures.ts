// Playwright fixtures: a TLS fake API per worker, a fresh Chromium profile with the built
// extension per test, and helpers to open the extension's pages and pages on the real origins.
//
//   import { test, expect } from './fixtures';
//   test.use({ seed: { subWorkspaces: 150 } });
//   test('…', async ({ api, seeded, openPopup, pageOn, serviceWorker }) => { … });
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { makeCertificate } from '../fake-api/cert';
import { FakeApiControl } from '../fake-api/client';
import type { Fault, RequestLogEntry } from '../fake-api/control';
import { CERTIFICATE_HOSTS } from '../fake-api/hosts';
import type { SeedOptions, SeedResult } from '../fake-api/seed';
import { startFakeApi } from '../fake-api/server';
import type { Store } from '../fake-api/store';
import { assertExtensionBuilt, chromiumArgs, E2E_EXTENSION_DIR, EXTENSION_DIR, findChromium } from './chromium';

export { expect } from '@playwright/test';
export type { Fault, RequestLogEntry, SeedOptions, SeedResult };

/**
 * The type of the `chrome` global inside `serviceWorker.evaluate(() => …)` or an extension page.
 * In a spec: `declare const chrome: Chrome;` (module-local, so the extension's code is unaffected).
 */
export type Chrome = typeof Browser;

/**
 * The fake API of this worker: its control routes (test/fake-api/client.ts: requests(filter),
 * clearRequests(), accept(id), reject(id), fault(f), clearFaults(), latency(ms), offline(on),
 * state(), seed(opts), reset(), setWorkspace(id, patch), revokeKey(key)), called over HTTPS on
 * 127.0.0.1 with the fake's certificate pinned, plus where it is. Control calls are not logged.
 */
export interface FakeApi extends FakeApiControl {
  port: number;
  /** https://127.0.0.1:<port> (the browser reaches it as https://api.instantly.ai etc.). */
  url: string;
  /** The in-process store (the fake runs in the Playwright worker): prefer the control routes. */
  store: Store;
  /** base64 sha256 of the certificate's public key, for --ignore-certificate-errors-spki-list. */
  spki: string;
  /** PEM of the fake's certificate (to call it from Node with `ca`). */
  cert: string;
}

export interface Fixtures {
  /** Test option: how the fake is seeded before each test. Default `{ subWorkspaces: 30 }`. */
  seed: SeedOptions;
  /** Test option: the shipped build, or the e2e build that also holds https://other.example and https://sub.other.example (chromium.ts). */
  build: 'shipped' | 'e2e';
  /** The result of seeding for this test: keys, admin workspace, subs, invitable workspaces. */
  seeded: SeedResult;
  /** The fake's control client (same object as `fakeApi`). */
  api: FakeApi;
  /** Chromium with the built extension, fresh profile per test (the first launch; see restartBrowser). */
  context: BrowserContext;
  /**
   * Closes Chromium and starts it again on the same profile, as a user restarting the browser:
   * storage.local survives, storage.session does not, and (measured on Chromium 156 with
   * --load-extension) neither do declarativeNetRequest dynamic rules, so the extension must
   * rebuild them from storage. `context`, `page` and `serviceWorker` taken before are closed
   * afterwards: use the returned ones. openPopup/openOptions/pageOn follow the new browser.
   * (chrome.runtime.reload() is no substitute here: Chromium 156 unloads an extension loaded
   * with --load-extension and never brings it back; its pages then fail with ERR_BLOCKED_BY_CLIENT.)
   */
  restartBrowser: () => Promise<{ context: BrowserContext; serviceWorker: Worker }>;
  /** Internal: the profile and the current browser of this test. */
  browserSession: BrowserSession;
  /** The first tab of the context (instead of opening a second one). */
  page: Page;
  /** The extension's background service worker. */
  serviceWorker: Worker;
  extensionId: string;
  /** A new tab on chrome-extension://<id>/popup.html. */
  openPopup: () => Promise<Page>;
  /** A new tab on chrome-extension://<id>/options.html. */
  openOptions: () => Promise<Page>;
  /** A new tab on an origin served by the fake (e.g. 'https://app.instantly.ai'), path '/' unless given. */
  pageOn: (originOrUrl: string) => Promise<Page>;
}

export interface BrowserSession {
  userDataDir: string;
  /** The browser now running (changes on restart). */
  context: BrowserContext;
  restart(): Promise<{ context: BrowserContext; serviceWorker: Worker }>;
}

/** The extension's service worker in a context, once it has started. */
export async function workerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export interface WorkerFixtures {
  /** TLS fake API on a random port, one per worker. */
  fakeApi: FakeApi;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  fakeApi: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern: it must be an object pattern
    async ({}, use) => {
      const { key, cert, spki } = makeCertificate(CERTIFICATE_HOSTS);
      const server = await startFakeApi({ port: 0, tls: { key, cert } });
      const control = new FakeApiControl(server.url, cert);
      const fakeApi: FakeApi = Object.assign(control, {
        port: server.port,
        url: server.url,
        store: server.store,
        spki,
        cert,
      });
      await use(fakeApi);
      await server.close();
    },
    { scope: 'worker' },
  ],

  api: async ({ fakeApi }, use) => use(fakeApi),

  seed: [{ subWorkspaces: 30 }, { option: true }],

  build: ['shipped', { option: true }],

  // Auto: every test starts from a known fake, whether or not it asks for `seeded`.
  // `seed` replaces the store but keeps the conditions: reset first so that the log, faults,
  // latency and offline of the previous test are gone too.
  seeded: [
    async ({ fakeApi, seed }, use) => {
      await fakeApi.reset();
      await use(await fakeApi.seed(seed));
    },
    { auto: true },
  ],

  // One Chromium profile per test; `restartBrowser` relaunches on it. Depends on `seeded` so the
  // fake is ready before the extension's first request.
  browserSession: async ({ fakeApi, seeded: _seeded, headless, build }, use, testInfo) => {
    const extensionDir = assertExtensionBuilt(build === 'e2e' ? E2E_EXTENSION_DIR : EXTENSION_DIR);
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'ws-e2e-profile-'));
    const launch = () =>
      chromium.launchPersistentContext(userDataDir, {
        executablePath: findChromium(),
        headless,
        args: chromiumArgs({ extensionDir, apiPort: fakeApi.port, spki: fakeApi.spki }),
      });
    const session: BrowserSession = {
      userDataDir,
      context: await launch(),
      async restart() {
        await session.context.close();
        session.context = await launch();
        const serviceWorker = await workerOf(session.context);
        return { context: session.context, serviceWorker };
      },
    };
    try {
      await use(session);
      if (testInfo.status !== testInfo.expectedStatus) {
        // Screenshots of every open tab help more than a stack trace in a headless run.
        for (const [i, page] of session.context.pages().entries()) {
          const shot = await page.screenshot({ timeout: 5_000 }).catch(() => undefined);
          if (shot) await testInfo.attach(`tab ${i} ${page.url()}`, { body: shot, contentType: 'image/png' });
        }
      }
    } finally {
      await session.context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    }
  },

  context: async ({ browserSession }, use) => use(browserSession.context),

  restartBrowser: async ({ browserSession }, use) => use(() => browserSession.restart()),

  page: async ({ context }, use) => use(context.pages()[0] ?? (await context.newPage())),

  serviceWorker: async ({ context }, use) => use(await workerOf(context)),

  extensionId: async ({ serviceWorker }, use) => use(new URL(serviceWorker.url()).host),

  openPopup: async ({ browserSession, extensionId }, use) => {
    await use(async () => {
      const page = await browserSession.context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },

  openOptions: async ({ browserSession, extensionId }, use) => {
    await use(async () => {
      const page = await browserSession.context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    });
  },

  pageOn: async ({ browserSession }, use) => {
    await use(async (originOrUrl: string) => {
      const page = await browserSession.context.newPage();
      await page.goto(new URL(originOrUrl).href); // 'https://app.instantly.ai' → '…/'
      return page;
    });
  },
});
