// The one queue helper: work put on a queue runs one at a time, in order, each after the last
// one settled (a failure does not wedge the ones after it). In the test builds (TEST_BUILD) every
// queue, and every piece of work an event or a request starts (busy()), counts towards the
// worker's activity, so the end-to-end tests can wait until a burst has really finished
// (whenIdle) instead of for a state the burst passes through; the shipped build counts nothing.
import { TEST_BUILD } from '../../common/build-mode';

export type Queue = <T>(work: () => Promise<T>) => Promise<T>;

let active = 0;
let waiters: (() => void)[] = [];

function settleOne(): void {
  active -= 1;
  if (active > 0) return;
  // Work that finishes often starts more in the same tick (a press ends, the next begins):
  // idle means still nothing running a macrotask later.
  setTimeout(() => {
    if (active > 0) return;
    const ready = waiters;
    waiters = [];
    ready.forEach((resolve) => resolve());
  }, 0);
}

/** Counts `work` as activity of the worker until it settles. Starts counting at once (synchronously). */
export function busy<T>(work: () => Promise<T>): Promise<T> {
  // The executor runs `work` now, and a synchronous throw from it becomes the rejection.
  const run = () => new Promise<T>((resolve) => resolve(work()));
  if (!TEST_BUILD) return run();
  active += 1;
  return run().finally(settleOne);
}

/** Pieces of work running or queued (0 when idle). */
export const activity = (): number => active;

/** Resolves once nothing runs or waits on any queue, nor in any event or request being served. */
export function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    waiters.push(resolve);
    if (active === 0) {
      active += 1;
      settleOne();
    }
  });
}

export function serialQueue(): Queue {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) =>
    busy(() => {
      const run = chain.then(work);
      chain = run.catch(() => undefined);
      return run;
    });
}

/**
 * State changes run one at a time: each reads storage after the previous one wrote it, so two
 * changes at once (a window closing several tabs, a sync finishing during a removal) cannot
 * write back each other's stale copies. Network calls stay outside: a slow server must not hold
 * up a switch. Never call exclusive() from inside exclusive(): it would wait for itself.
 */
export const exclusive: Queue = serialQueue();
