// Waiting for the extension's worker to finish what it was asked, through the test hook that only
// the e2e build has (lib/background/worker/test-hook.ts): never for a state a burst passes through.
import type { Worker } from '@playwright/test';
import type { TestHook } from '../../lib/background/worker/test-hook';
import { expect } from './fixtures';

type Hooked = { __workspaceSwitcherTest?: TestHook };

/**
 * Resolves once the worker has received at least `requests` messages from the extension's pages
 * (if given: a click's message may still be on its way) and nothing runs or waits in it any more.
 * Needs the e2e build (`test.use({ build: 'e2e' })`).
 */
export async function untilIdle(worker: Worker, { requests }: { requests?: number } = {}): Promise<void> {
  if (!(await worker.evaluate(() => !!(globalThis as Hooked).__workspaceSwitcherTest)))
    throw new Error('No test hook in this worker: untilIdle needs test.use({ build: "e2e" })');
  if (requests !== undefined)
    await expect.poll(() => requestsReceived(worker), { timeout: 10_000 }).toBeGreaterThanOrEqual(requests);
  await worker.evaluate(() => (globalThis as Hooked).__workspaceSwitcherTest!.whenIdle());
}

/** Messages from the extension's pages this worker has received since it started. */
export function requestsReceived(worker: Worker): Promise<number> {
  return worker.evaluate(() => (globalThis as Hooked).__workspaceSwitcherTest!.requestsReceived());
}
