// Firefox smoke test: the shipped Firefox build (.output/firefox-mv3), in real Firefox, against
// the fake API under the real host names. Key → act as a sub workspace → a page on
// app.instantly.ai gets answers as that sub workspace (and the popup's Recent API calls says so),
// and the extension's own calls do not.
//
//   npm run test:firefox      (= npm run build:firefox && tsx test/firefox/smoke.test.ts)
//
// A plain Node script (neither vitest's unit config nor Playwright picks it up). Each step is
// counted as one test; a step after a failed one is counted as failed too ("not run"). Writes
// test-results/firefox.json `{ passed, failed, tests: [...] }` for .ci/run, prints a closing
// `firefox: N passed, M failed` line, and exits non-zero on any failure.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { makeCertificate } from '../fake-api/cert';
import { CERTIFICATE_HOSTS } from '../fake-api/hosts';
import { seedAgency, type SeedResult } from '../fake-api/seed';
import { startFakeApi, type FakeApi } from '../fake-api/server';
import { launchFirefox, type LaunchedFirefox } from './firefox';

const REPORT = path.resolve(import.meta.dirname, '../../test-results/firefox.json');
const CURRENT_WORKSPACE = 'https://api.instantly.ai/api/v2/workspaces/current';
const STEP_TIMEOUT_MS = 20_000;
const WAIT_MS = 10_000;

interface TestResult {
  name: string;
  status: 'passed' | 'failed';
  ms: number;
  error?: string;
}

class AssertionError extends Error {}
function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Resolves once an element with role=status (explicit or implicit) contains `text`. */
async function waitForStatus(page: Page, text: string): Promise<void> {
  await page
    .waitForFunction(
      (wanted) =>
        [...document.querySelectorAll('[role="status"], output')].some((el) => el.textContent.includes(wanted)),
      { timeout: WAIT_MS },
      text,
    )
    .catch(async () => {
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('[role="status"], [role="alert"], output')]
          .map((el) => el.textContent.trim())
          .join(' | '),
      );
      throw new AssertionError(
        `no status containing "${text}" within ${WAIT_MS} ms; status/alerts shown: ${shown || '(none)'}`,
      );
    });
}

/**
 * The control with this accessible name (and role), as a person with a screen reader finds it.
 * (waitForSelector rather than page.locator(): a locator's fill() on an ARIA selector never
 * settled in Firefox 153 over BiDi, while the same element found this way types and clicks.)
 */
async function byName(page: Page, name: string, role?: string) {
  const selector = role
    ? `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`
    : `::-p-aria(${name})`;
  const handle = await page.waitForSelector(selector, { visible: true, timeout: WAIT_MS }).catch(() => null);
  if (!handle)
    throw new AssertionError(`no visible control named "${name}"${role ? ` (role ${role})` : ''} on ${page.url()}`);
  return handle;
}

async function poll<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new AssertionError(`${what}: still ${JSON.stringify(value)} after ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const results: TestResult[] = [];
  let api: FakeApi | undefined;
  let firefox: LaunchedFirefox | undefined;
  let seeded: SeedResult | undefined;

  const state: { options?: Page; popup?: Page; app?: Page; sub?: SeedResult['subs'][number] } = {};

  /** GET /workspaces/current from the app.instantly.ai tab, as Instantly's own app would call it. */
  const fetchCurrentFromApp = () =>
    state.app!.evaluate(
      async (url, key) => {
        const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
        return { status: response.status, id: ((await response.json()) as { id?: string }).id };
      },
      CURRENT_WORKSPACE,
      seeded!.adminKey,
    );
  /** The requests for /workspaces/current the fake received after log position `since`. */
  const currentArrivedSince = (since: number) =>
    api!.conditions.log.slice(since).filter((r) => r.path === '/api/v2/workspaces/current' && r.method === 'GET');

  const steps: [string, () => Promise<void>][] = [
    [
      'starts the fake API on 127.0.0.1:443 and Firefox with the Firefox build installed',
      async () => {
        const tls = makeCertificate(CERTIFICATE_HOSTS);
        // Firefox maps host names but not ports, so the fake must be on 443 (root, or
        // CAP_NET_BIND_SERVICE for node).
        api = await startFakeApi({ port: 443, tls }).catch((error: unknown) => {
          const { code, message } = error as NodeJS.ErrnoException;
          const why =
            code === 'EACCES' ? ' (binding port 443 needs root)' : code === 'EADDRINUSE' ? ' (port 443 is taken)' : '';
          throw new Error(`cannot listen on 127.0.0.1:443${why}: ${message}`);
        });
        seeded = seedAgency(api.store, { subWorkspaces: 8 });
        firefox = await launchFirefox();
      },
    ],
    [
      'options.html connects the admin key and shows its admin workspace',
      async () => {
        const options = (state.options = await firefox!.openExtensionPage('options.html'));
        await (await byName(options, 'Instantly API key')).type(seeded!.adminKey);
        await (await byName(options, 'Save key', 'button')).click();
        await waitForStatus(options, `Connected to ${seeded!.admin.name}`);
        const alerts = await options.$$('[role="alert"]');
        check(
          alerts.length === 0,
          `unexpected alert on options.html: ${await alerts[0]?.evaluate((el) => el.textContent)}`,
        );
        const check1 = api!.conditions.log.find((r) => r.path === '/api/v2/workspaces/current');
        check(
          check1?.headers.authorization === `Bearer ${seeded!.adminKey}`,
          'the key was not checked against the fake API',
        );
      },
    ],
    [
      'before acting as anyone, a page on app.instantly.ai is answered as the admin workspace, without the header',
      async () => {
        state.app = await firefox!.openPage('https://app.instantly.ai/');
        const since = api!.conditions.log.length;
        const answer = await fetchCurrentFromApp();
        check(
          answer.status === 200 && answer.id === seeded!.admin.id,
          `answered ${answer.status} as ${answer.id}, expected ${seeded!.admin.id}`,
        );
        const arrived = currentArrivedSince(since);
        check(arrived.length === 1, `the fake API logged ${arrived.length} GET /api/v2/workspaces/current`);
        check(
          arrived[0]!.headers['x-as-workspace'] === undefined,
          `x-as-workspace: ${arrived[0]!.headers['x-as-workspace']}`,
        );
      },
    ],
    [
      'popup.html acts as an accepted sub workspace',
      async () => {
        const sub = (state.sub = seeded!.subs.find((s) => s.status === 'accepted' && s.name !== null));
        check(sub, 'the seed has no accepted sub workspace with a name');
        const popup = (state.popup = await firefox!.openExtensionPage('popup.html'));
        await (await byName(popup, `Act as ${sub.name}`, 'button')).click();
        await waitForStatus(popup, `Acting as ${sub.name}`);
      },
    ],
    [
      'a page on app.instantly.ai is answered as the sub workspace: x-as-workspace arrives at the API',
      async () => {
        const sub = state.sub!;
        const since = api!.conditions.log.length;
        // The popup shows the choice once the background stored it; the rule follows at once,
        // but allow it a moment rather than race it.
        const answer = await poll(
          fetchCurrentFromApp,
          (a) => a.id === sub.id,
          'GET /api/v2/workspaces/current from app.instantly.ai answered as workspace',
        );
        check(answer.status === 200, `status ${answer.status}`);
        const arrived = currentArrivedSince(since);
        check(arrived.length > 0, 'the fake API logged no GET /api/v2/workspaces/current');
        const last = arrived.at(-1)!;
        check(last.host === 'api.instantly.ai', `request arrived for host ${last.host}`);
        check(last.headers.origin === 'https://app.instantly.ai', `origin ${last.headers.origin}`);
        check(
          last.headers['x-as-workspace'] === sub.id,
          `x-as-workspace: ${last.headers['x-as-workspace']}, expected ${sub.id}`,
        );
      },
    ],
    [
      "the page's call is in the popup's Recent API calls, as the sub workspace (and no key is kept)",
      async () => {
        const { popup, sub } = state as Required<typeof state>;
        // Read in the extension's own page: what the background stored from webRequest.
        const stored = await poll(
          () =>
            popup.evaluate(async () => {
              const { recentCalls } = await (
                globalThis as unknown as {
                  browser: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } };
                }
              ).browser.storage.session.get('recentCalls');
              return (recentCalls ?? []) as {
                method: string;
                path: string;
                site: string | null;
                status: unknown;
                as: string | null;
              }[];
            }),
          (calls) => calls.some((c) => c.as === sub.name && c.status === 200),
          'the stored Recent API calls',
        );
        const call = stored.find((c) => c.as === sub.name)!;
        check(
          call.method === 'GET' && call.path === '/api/v2/workspaces/current',
          `listed ${call.method} ${call.path}`,
        );
        check(call.site === 'app.instantly.ai', `site ${call.site}`);
        check(!JSON.stringify(stored).includes(seeded!.adminKey), 'the stored list holds the key');
        // And the popup shows it (the section is folded: its summary unfolds it).
        await popup.click('details.recent-calls > summary');
        const listed = await (await byName(popup, 'Recent API calls', 'list')).evaluate((el) => el.textContent);
        check(
          listed.includes(`as ${sub.name}`) && listed.includes('from app.instantly.ai'),
          `the popup's list says: ${listed}`,
        );
      },
    ],
    [
      "the extension's own calls still go out as the admin workspace (no x-as-workspace)",
      async () => {
        const popup = state.popup!;
        const since = api!.conditions.log.length;
        await (await byName(popup, 'Refresh', 'button')).click();
        const own = await poll(
          () =>
            api!.conditions.log
              .slice(since)
              .filter((r) => r.host === 'api.instantly.ai' && r.path === '/api/v2/workspace-group-members'),
          (rows) => rows.length > 0 && rows.every((r) => r.status !== null),
          'group refresh requests from the extension',
        );
        const carrying = own.filter((r) => r.headers['x-as-workspace'] !== undefined);
        check(carrying.length === 0, `${carrying.length} of the extension's own requests carried x-as-workspace`);
        check(
          own.every((r) => r.status === 200),
          `refresh answered ${own.map((r) => r.status).join(', ')}`,
        );
      },
    ],
  ];

  let broken: string | undefined;
  for (const [name, run] of steps) {
    const t0 = performance.now();
    if (broken) {
      results.push({ name, status: 'failed', ms: 0, error: `not run: an earlier step failed (${broken})` });
      continue;
    }
    try {
      await Promise.race([
        run(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`timed out after ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS).unref(),
        ),
      ]);
      results.push({ name, status: 'passed', ms: Math.round(performance.now() - t0) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ name, status: 'failed', ms: Math.round(performance.now() - t0), error: message });
      broken = name;
    }
  }

  await firefox?.browser.close().catch(() => {});
  await api?.close().catch(() => {});

  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.length - passed;
  for (const r of results) {
    console.log(`  ${r.status === 'passed' ? '✓' : '✗'} ${r.name} (${r.ms} ms)`);
    if (r.error) console.log(`      ${r.error.split('\n').join('\n      ')}`);
  }
  await mkdir(path.dirname(REPORT), { recursive: true });
  await writeFile(
    REPORT,
    `${JSON.stringify({ passed, failed, ms: Math.round(performance.now() - started), tests: results }, null, 2)}\n`,
  );
  console.log(`firefox: ${passed} passed, ${failed} failed (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    // Only reached on a bug in this script: still leave a report that counts as a failure.
    console.error(error);
    await mkdir(path.dirname(REPORT), { recursive: true }).catch(() => {});
    await writeFile(REPORT, `${JSON.stringify({ passed: 0, failed: 1, tests: [] })}\n`).catch(() => {});
    console.log('firefox: 0 passed, 1 failed');
    process.exit(1);
  },
);
