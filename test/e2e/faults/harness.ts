// What the fault-injection specs share: a seeded random source (FAULT_SEED replays a run), the
// sizes of a run (larger under `npm run test:faults`), stopping the extension's service worker
// with CDP as Chromium does when it stops one, and waking it again.
import type { BrowserContext, CDPSession, Page, TestInfo, Worker } from '@playwright/test';
import { untilIdle } from '../idle';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Random = ReturnType<typeof randomSource>;

/**
 * The seed of this test: FAULT_SEED if set (to replay a failure), else a fresh one. Printed, and
 * kept as an annotation of the test, so a failure in CI says how to replay it.
 */
export function seedFor(testInfo: TestInfo): Random & { seed: number } {
  const fromEnv = process.env.FAULT_SEED;
  const seed = fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new Error(`FAULT_SEED=${fromEnv} is not an integer`);
  console.log(`[faults] ${testInfo.title}: FAULT_SEED=${seed}`);
  testInfo.annotations.push({ type: 'FAULT_SEED', description: String(seed) });
  return { ...randomSource(seed), seed };
}

/** A size of the run: the env variable if set, else what CI runs. */
export function sizeOf(name: string, ci: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return ci;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}=${raw} is not a count`);
  return n;
}

/** The figures a spec reports (printed at its end, and attached to the test). */
export function tally(testInfo: TestInfo) {
  const counts: Record<string, number> = {};
  return {
    add: (what: string, n = 1) => void (counts[what] = (counts[what] ?? 0) + n),
    report: () => {
      const line = Object.entries(counts)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
      console.log(`[faults] ${testInfo.title}: ${line}`);
      testInfo.annotations.push({ type: 'figures', description: line });
    },
  };
}

/**
 * Stops and watches the extension's service worker over CDP, from an ordinary page of the
 * context. Measured on Chromium 156 with Playwright 1.65: after ServiceWorker.stopAllWorkers the
 * Worker handle's evaluate hangs until the worker runs again, and then the same handle reaches the
 * new worker (no new `serviceworker` event): so the running status comes from CDP, and a marker
 * in the old worker's globals proves that a new one runs.
 */
export async function workerControl(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  let status = 'unknown';
  let changes = 0;
  const waiting: (() => void)[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    const ours = versions.filter((v) => v.scriptURL.startsWith('chrome-extension://'));
    if (ours.length === 0) return;
    status = ours.at(-1)!.runningStatus;
    changes += 1;
    waiting.splice(0).forEach((wake) => wake());
  });
  await cdp.send('ServiceWorker.enable');
  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`the service worker did not get ${what} (status ${status})`);
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  };
  return {
    status: () => status,
    /** Stops the worker; resolves once Chromium reports it stopped (or already started again). */
    async stop() {
      const before = changes;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await until(() => changes > before && status !== 'running' && status !== 'stopping', 'stopped');
    },
    running: () => until(() => status === 'running', 'running'),
  };
}
export type WorkerControl = Awaited<ReturnType<typeof workerControl>>;

type Hooked = { __workspaceSwitcherTest?: { startId: string } };

/** Which start of the worker this is (the e2e build's hook); 'no answer' from a worker that is not running. */
export async function startIdOf(worker: Worker): Promise<string> {
  return Promise.race([
    worker.evaluate(() => (globalThis as Hooked).__workspaceSwitcherTest?.startId ?? 'no hook'),
    new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 2_000)),
  ]);
}

/**
 * Stops the worker, then wakes it with `wake` (what a popup does when it opens: it sends a
 * message) and waits until a new worker runs and has finished everything it found to do
 * (start-up, the journal, the message). Returns the handle to use and its start id.
 */
export async function stopAndWake(
  context: BrowserContext,
  control: WorkerControl,
  previous: string,
  wake: () => Promise<unknown>,
): Promise<{ worker: Worker; startId: string }> {
  const t = Date.now();
  const lap = (what: string) => process.env.FAULT_DEBUG && console.log(`  ${what} +${Date.now() - t} ms`);
  await control.stop();
  lap('stopped');
  await wake();
  lap('woken');
  await control.running();
  lap('running');
  const deadline = Date.now() + 15_000;
  for (;;) {
    const worker = context.serviceWorkers()[0];
    const startId = worker ? await startIdOf(worker) : 'no answer';
    if (worker && startId !== previous && startId !== 'no answer' && startId !== 'no hook') {
      await untilIdle(worker, { requests: 1 });
      lap('idle');
      return { worker, startId };
    }
    if (Date.now() > deadline) throw new Error(`no new service worker after the stop (start id ${startId})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
