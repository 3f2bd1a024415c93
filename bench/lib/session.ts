// One Chromium with the built extension against the TLS fake API, as the e2e tests run it
// (test/e2e/chromium.ts, test/fake-api), plus what the benchmark adds: a copy of the build with a
// static and a scripted floor page in it, and an init script in every page that timestamps DOM events there.
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { assertExtensionBuilt, chromiumArgs, EXTENSION_DIR, findChromium } from '../../test/e2e/chromium';
import { FakeApiControl } from '../../test/fake-api/client';
import type { SeedResult } from '../../test/fake-api/seed';

/** `chrome` inside worker.evaluate / extension-page evaluate. */
export type Chrome = typeof Browser;

/** The largest group the fake's control route seeds (control.ts: SeedOptionsSchema). */
const CONTROL_SEED_MAX = 5000;
/** The largest second agency the control route seeds (control.ts: SeedOptionsSchema). */
const CONTROL_SECOND_AGENCY_MAX = 100;

/** The floor: an extension page with one list row and nothing else (no script, no CSS). */
export const FLOOR_PAGE = 'bench-floor.html';
const FLOOR_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><ul role="list" aria-label="Sub workspaces"><li>Acme Outbound</li></ul></body></html>\n';
/**
 * The scripted floor: an extension page whose only content is one classic script that appends
 * the same row. Any page with a script pays that one more resource load, which no popup can avoid.
 */
export const SCRIPTED_FLOOR_PAGE = 'bench-floor-scripted.html';
const SCRIPTED_FLOOR_SCRIPT = 'bench-floor-scripted.js';
const SCRIPTED_FLOOR_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>scripted floor</title></head><body><script src="${SCRIPTED_FLOOR_SCRIPT}"></script></body></html>\n`;
const SCRIPTED_FLOOR_JS =
  "var l=document.createElement('ul');l.setAttribute('role','list');l.setAttribute('aria-label','Sub workspaces');l.appendChild(document.createElement('li')).textContent='Acme Outbound';document.body.appendChild(l);\n";

export interface Fake {
  /** Where the fake listens on 127.0.0.1 (its own process: lib/fake-process.ts). */
  port: number;
  control: FakeApiControl;
  spki: string;
  /** How the fake was seeded last: 'control route' or 'in its process' (above the route's limit). */
  seededVia: string;
  /** `secondAgency`: sub workspaces of a second agency with its own admin key (SeedOptions.secondAgency). */
  seed(subWorkspaces: number, secondAgency?: number): Promise<SeedResult>;
  close(): Promise<void>;
}

type FromFake =
  | { type: 'ready'; port: number; url: string; cert: string; spki: string }
  | { id: number; result?: SeedResult; error?: string };

/** Forks the fake API (test/fake-api startFakeApi over TLS, makeCertificate) into its own process. */
export async function startFake(): Promise<Fake> {
  const child = fork(path.join(import.meta.dirname, 'fake-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (r: SeedResult) => void; reject: (e: Error) => void }>();
  const ready = new Promise<Extract<FromFake, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake API process exited (${code})`)));
    child.on('message', (message: FromFake) => {
      if ('type' in message) {
        resolve(message);
        return;
      }
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result!);
    });
  });
  const started = await ready;
  const control = new FakeApiControl(started.url, started.cert);
  let nextId = 1;
  const fake: Fake = {
    port: started.port,
    control,
    spki: started.spki,
    seededVia: 'control route',
    async seed(subWorkspaces, secondAgency = 0) {
      await control.reset();
      // Default statuses (every 6th pending, every 9th rejected otherwise).
      if (subWorkspaces <= CONTROL_SEED_MAX && secondAgency <= CONTROL_SECOND_AGENCY_MAX) {
        fake.seededVia = 'control route';
        return control.seed({ subWorkspaces, ...(secondAgency > 0 ? { secondAgency } : {}) });
      }
      // The control route refuses more than 5,000 (100 in a second agency): the same seed
      // function, run in the fake's process.
      fake.seededVia =
        "seedAgency in the fake's process (the control route stops at 5,000, and at 100 in a second agency)";
      const id = nextId++;
      return new Promise<SeedResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, type: 'seed', subWorkspaces, secondAgency });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.send({ type: 'close' });
        setTimeout(() => child.kill(), 5_000).unref();
      }),
  };
  return fake;
}

/**
 * Copies the build to a temporary folder and adds the floor pages to the copy. The copy is also
 * what the browser loads, so a rebuild by someone else during the run cannot pull files away.
 * Others may be rebuilding at this very moment (`wxt build` empties .output first): a copy that
 * misses a file its pages or manifest name is thrown away and taken again, for up to a minute.
 */
export async function extensionCopy(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ws-bench-ext-'));
  const dir = path.join(root, 'chrome-mv3');
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await rm(dir, { recursive: true, force: true });
      await cp(assertExtensionBuilt(EXTENSION_DIR), dir, { recursive: true });
      assertComplete(dir);
      break;
    } catch (error) {
      if (Date.now() > until) throw error;
      await sleep(1_000);
    }
  }
  await writeFile(path.join(dir, FLOOR_PAGE), FLOOR_HTML);
  await writeFile(path.join(dir, SCRIPTED_FLOOR_PAGE), SCRIPTED_FLOOR_HTML);
  await writeFile(path.join(dir, SCRIPTED_FLOOR_SCRIPT), SCRIPTED_FLOOR_JS);
  return { dir, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** Every file the manifest and the HTML pages name is there. */
function assertComplete(dir: string): void {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string };
    action?: { default_popup?: string };
    options_ui?: { page?: string };
  };
  const pages = [manifest.action?.default_popup, manifest.options_ui?.page].filter((p): p is string => !!p);
  const files = [manifest.background?.service_worker, ...pages].filter((p): p is string => !!p);
  for (const page of pages) {
    for (const match of readFileSync(path.join(dir, page), 'utf8').matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g))
      files.push(match[1]!);
  }
  const missing = files.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length)
    throw new Error(`the build in ${EXTENSION_DIR} is incomplete (a rebuild in progress?): ${missing.join(', ')}`);
}

/** State the init script keeps in each page, read by the benchmark with page.evaluate. */
export interface PageBench {
  /** performance.now() when the first list row entered the DOM. */
  firstRow: number | null;
  /** performance.now() when the first <p> entered the DOM (the fake's static pages). */
  firstParagraph: number | null;
  /** performance.now() when a row's glance figures first entered the DOM (the popup). */
  firstGlance: number | null;
  /** Wall-clock (timeOrigin + now) of each `click` (capture phase, before the page's handlers). */
  clicks: number[];
  /** Wall-clock of each storage.local change of `group` seen by this page. */
  groupChanges: { at: number; syncedAt: number | null; error: string | null }[];
}

/** Runs at document start in every page and frame (extension pages included). */
function benchInit(): void {
  const w = window as unknown as { __bench?: PageBench; chrome?: Chrome };
  if (w.__bench) return;
  const bench: PageBench = { firstRow: null, firstParagraph: null, firstGlance: null, clicks: [], groupChanges: [] };
  w.__bench = bench;
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (bench.firstRow === null && document.querySelector('[role=listitem], [role=list] > li')) bench.firstRow = now;
    if (bench.firstParagraph === null && document.querySelector('p')) bench.firstParagraph = now;
    if (bench.firstGlance === null && document.querySelector('.row-glance')) bench.firstGlance = now;
    if (bench.firstRow !== null && bench.firstParagraph !== null && bench.firstGlance !== null) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
  addEventListener('click', () => bench.clicks.push(performance.timeOrigin + performance.now()), { capture: true });
  const storage = w.chrome?.storage;
  if (storage?.onChanged) {
    storage.onChanged.addListener((changes, area) => {
      const change = changes.group;
      if (area !== 'local' || !change) return;
      const value = change.newValue as { syncedAt?: number | null; error?: string } | undefined;
      bench.groupChanges.push({
        at: performance.timeOrigin + performance.now(),
        syncedAt: value?.syncedAt ?? null,
        error: value?.error ?? null,
      });
    });
  }
}

export interface Session {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  popupUrl: string;
  optionsUrl: string;
  floorUrl: string;
  scriptedFloorUrl: string;
  chromiumVersion: string;
  close(): Promise<void>;
}

export async function launch(fake: Fake, extensionDir: string): Promise<Session> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'ws-bench-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs({ extensionDir, apiPort: fake.port, spki: fake.spki }),
  });
  // tsx (esbuild, keepNames) wraps named functions in `__name(…)`; functions handed to
  // page.evaluate carry that call into the page, so give the pages the helper.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  await context.addInitScript(benchInit);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const base = `chrome-extension://${extensionId}`;
  return {
    context,
    worker,
    extensionId,
    popupUrl: `${base}/popup.html`,
    optionsUrl: `${base}/options.html`,
    floorUrl: `${base}/${FLOOR_PAGE}`,
    scriptedFloorUrl: `${base}/${SCRIPTED_FLOOR_PAGE}`,
    chromiumVersion: context.browser()?.version() ?? 'unknown',
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

export function benchState(page: Page): Promise<PageBench> {
  return page.evaluate(() => (window as unknown as { __bench: PageBench }).__bench);
}

/** Connects the admin key in the options page; resolves once the first sync has been stored. */
export async function connect(session: Session, key: string, members: number, timeoutMs: number): Promise<void> {
  const options = await session.context.newPage();
  await options.goto(session.optionsUrl);
  await options.getByLabel('Instantly API key').fill(key);
  await options.getByRole('button', { name: 'Save key' }).click();
  // saveKey answers after its first sync; the group is then in storage.
  await waitFor(
    () => storedMemberCount(session.worker),
    (count) => count === members,
    timeoutMs,
    `the first sync to store ${members} members`,
  );
  await options.close();
}

export function storedMemberCount(worker: Worker): Promise<number> {
  return worker.evaluate(async () => {
    const { group } = await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get<{
      group?: { members?: unknown[] };
    }>('group');
    return group?.members?.length ?? 0;
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` says so; throws after `timeoutMs` naming what it waited for. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  what: string,
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(value)})`);
    await sleep(everyMs);
  }
}
