// One start-up gate for a fresh install, a browser start and a wake-up of the worker: every
// listener waits for it, so a wake-up and a cold start take the same path (uBlock Origin Lite's
// "one init gate", docs/browsers.md#stopping-the-service-worker).
import { startUpProblem } from '../../common/storage';
import { describe } from './errors';
import { busy } from './queue';

let begin: () => Promise<void> = () => Promise.resolve();
let then: (() => Promise<void>) | null = null;
let started: Promise<void> | null = null;
let retry: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** After a failed start-up, the worker tries again by itself after these delays (and at every event). */
export const START_UP_RETRY_MS = [1_000, 5_000, 15_000, 60_000];

/** The reply to a request that came while start-up fails: its handler never ran. */
export const START_UP_FAILED =
  'The extension’s background could not start, so nothing was changed. It keeps trying; if this stays, reload the extension.';

/**
 * Says how the worker starts; the first event (or this call) runs it.
 * @param afterStart work that follows the first start-up that succeeds, without holding up the
 *   listeners (e.g. what needs the network), once per worker even if start-up first failed.
 */
export function startWith(startUp: () => Promise<void>, afterStart?: () => Promise<void>): Promise<void> {
  begin = startUp;
  then = afterStart ?? null;
  started = null;
  failures = 0;
  clearTimeout(retry);
  return ready();
}

/**
 * Resolves once start-up has run. A failed start-up is logged, stored for the popup to show,
 * and tried again (by the next event, and by a timer) instead of leaving every listener silently
 * doing nothing until the worker restarts. A successful start-up clears what was stored.
 */
export function ready(): Promise<void> {
  started ??= busy(begin).then(
    () => {
      failures = 0;
      clearTimeout(retry);
      void busy(clearProblem).catch(() => undefined);
      const after = then;
      then = null;
      if (after)
        void busy(after).catch((error: unknown) =>
          console.warn('Workspace Switcher: after start-up:', describe(error)),
        );
    },
    (error: unknown) => {
      started = null;
      failures += 1;
      const line = describe(error);
      console.error('Workspace Switcher: start-up failed; trying again:', line);
      void busy(() => startUpProblem.set({ message: line, at: Date.now(), failures })).catch(() => undefined);
      const delay = START_UP_RETRY_MS[failures - 1];
      clearTimeout(retry);
      if (delay !== undefined) retry = setTimeout(() => void ready().catch(() => undefined), delay);
      throw error;
    },
  );
  return started;
}

async function clearProblem(): Promise<void> {
  if (await startUpProblem.get()) await startUpProblem.remove();
}

/**
 * Runs work after start-up, for a browser event (which has nobody to answer): failures are logged,
 * and passed to `onFailure` (e.g. to tell the user) when given.
 */
export function whenReady(
  what: string,
  work: () => Promise<unknown>,
  onFailure?: (error: unknown) => Promise<void>,
): void {
  void busy(() =>
    ready()
      .then(work)
      .catch(async (error: unknown) => {
        console.warn(`Workspace Switcher: ${what} failed:`, describe(error));
        await onFailure?.(error);
      }),
  ).catch(() => undefined);
}
