// page API call, with and without observing: what Recent API calls' webRequest listeners cost a
// page's call to the API. Two Chromiums side by side on the same fake: one with the build as it
// ships, one with a copy whose manifest lacks the `webRequest` permission (the background then
// registers no listener; nothing else differs). A page on app.instantly.ai in each times chains of
// fetches to the API (performance.now() around each, in the page), in blocks that alternate
// between the two browsers so both see the same load.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { launch, type Chrome, type Fake, type Session } from './session';

declare const chrome: Chrome;

const CALL_URL = 'https://api.instantly.ai/api/v2/workspaces/current';

export interface ObservingPlan {
  blocks: number;
  callsPerBlock: number;
}

export interface ObservingTimes {
  /** Round trip of each call (ms) with the extension observing. */
  observing: number[];
  /** The same with the copy that cannot observe. */
  notObserving: number[];
  /** Calls the observing extension listed in Recent API calls (a check that it observed at all). */
  listed: number;
}

/** A copy of the build without one permission in its manifest. */
async function copyWithout(
  extensionDir: string,
  permission: string,
): Promise<{ dir: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ws-bench-noobserve-'));
  const dir = path.join(root, 'chrome-mv3');
  await cp(extensionDir, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as { permissions: string[] };
  if (!manifest.permissions.includes(permission))
    throw new Error(`the build asks for no ${permission} permission: nothing to compare`);
  manifest.permissions = manifest.permissions.filter((p) => p !== permission);
  await writeFile(file, JSON.stringify(manifest));
  return { dir, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** `count` calls one after the other (simple requests: no key, so no preflight; the fake answers 401). */
function chain(page: Page, count: number): Promise<number[]> {
  return page.evaluate(
    async ({ url, count }) => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        const response = await fetch(`${url}?observe=${i}`, { cache: 'no-store' });
        await response.arrayBuffer();
        times.push(performance.now() - t0);
      }
      return times;
    },
    { url: CALL_URL, count },
  );
}

async function appPage(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto('https://app.instantly.ai/');
  return page;
}

export async function measureObserving(fake: Fake, extensionDir: string, plan: ObservingPlan): Promise<ObservingTimes> {
  const blind = await copyWithout(extensionDir, 'webRequest');
  const sessions: Session[] = [];
  try {
    sessions.push(await launch(fake, extensionDir), await launch(fake, blind.dir));
    const [watched, unwatched] = sessions as [Session, Session];
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- absent without the webRequest permission, although typed
    const hasWebRequest = (s: Session) => s.worker.evaluate(() => typeof chrome.webRequest?.onSendHeaders === 'object');
    if (!(await hasWebRequest(watched)) || (await hasWebRequest(unwatched)))
      throw new Error('the two builds do not differ in webRequest as intended');
    const pages = [await appPage(watched), await appPage(unwatched)] as const;
    for (const page of pages) await chain(page, 10); // warm-up: connections, caches
    const times: [number[], number[]] = [[], []];
    for (let block = 0; block < plan.blocks; block++) {
      // Alternate which goes first, so neither always runs right after the other's burst.
      const order = block % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) times[i]!.push(...(await chain(pages[i]!, plan.callsPerBlock)));
    }
    // Let the last batch be written, then check the calls were indeed observed.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const listed = await watched.worker.evaluate(
      async () => ((await chrome.storage.session.get('recentCalls')).recentCalls as unknown[] | undefined)?.length ?? 0,
    );
    if (listed === 0) throw new Error('the observing build listed none of the calls');
    return { observing: times[0], notObserving: times[1], listed };
  } finally {
    for (const session of sessions) await session.close();
    await blind.dispose();
  }
}
