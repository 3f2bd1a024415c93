// Keeps a long run of requests under limits of the form "at most N in any window of W ms",
// counted over sliding windows of the requests' start times, and pauses it as a whole when the
// server says so (a 429's Retry-After). Instantly's limit is shared by every tool of the
// workspace (docs/instantly-api.md#rate-limits), so a background run takes only a small part.

export interface PaceLimit {
  count: number;
  windowMs: number;
}

export interface PacerOptions {
  limits: readonly PaceLimit[];
  /**
   * Added to every window: requests leave at the pace asked for, but reach the server a little
   * unevenly; with this margin, a few ms of jitter cannot put one request too many in a window.
   */
  slackMs?: number;
  now?: () => number;
  /** How to wait (the bench passes a virtual clock's, to see how long a run takes at this pace). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface Pacer {
  /**
   * Resolves when one more request may start, and counts it as started. Rejects with the
   * signal's reason once the signal is aborted (also while waiting).
   */
  take(signal?: AbortSignal): Promise<void>;
  /** No request starts for `ms` from now (on top of any pause already running). */
  pause(ms: number): void;
}

export function pacer({ limits, slackMs = 0, now = Date.now, sleep = abortableSleep }: PacerOptions): Pacer {
  /** Start times, oldest first, as long as the longest window still counts them. */
  const starts: number[] = [];
  let pausedUntil = -Infinity;
  const longest = Math.max(...limits.map((l) => l.windowMs)) + slackMs;

  /** How long until a request may start at `at` (≤ 0: now). */
  function waitAt(at: number): number {
    while (starts.length > 0 && starts[0]! <= at - longest) starts.shift();
    let until = pausedUntil;
    for (const { count, windowMs } of limits) {
      const window = windowMs + slackMs;
      const inWindow = starts.length - firstAfter(starts, at - window);
      // The request that has to leave the window before one more may enter it.
      if (inWindow >= count) until = Math.max(until, starts[starts.length - count]! + window);
    }
    return until - at;
  }

  return {
    async take(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const at = now();
        const wait = waitAt(at);
        if (wait <= 0) {
          starts.push(at);
          return;
        }
        await sleep(wait, signal);
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
  };
}

/** Index of the first start later than `time` (starts are in order). */
function firstAfter(starts: number[], time: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! > time) high = mid;
    else low = mid + 1;
  }
  return low;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
