// Keeps a long run of requests under limits of the form "at most N in any window of W ms" as the
// server counts them, and pauses it as a whole when the server says so (a 429's Retry-After).
// Instantly's limit is shared by every tool of the workspace (docs/instantly-api.md#rate-limits),
// so a background run takes only a small part.
//
// A request reaches the server at some moment between being sent and being answered, so one
// sent on time can arrive late, next to later ones: the pacer lets a request go only when, of
// those it counts, fewer than N were *answered* within the last W ms (one still unanswered
// counts until it is). Then any N + 1 requests reach the server more than W ms apart, however
// unevenly the network carries them (measured: spacing by start times alone let 13 arrive
// within one second on a busy machine).

export interface PaceLimit {
  count: number;
  windowMs: number;
}

export interface PacerOptions {
  limits: readonly PaceLimit[];
  /** Added to every window, as a margin for clocks and rounding. */
  slackMs?: number;
  now?: () => number;
  /** How to wait (the bench passes a virtual clock's, to see how long a run takes at this pace). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Call when the request was answered (or failed): from then on it ages out of the windows. */
export type Answered = () => void;

export interface Pacer {
  /**
   * Resolves when one more request may be sent, and counts it. Rejects with the signal's reason
   * once the signal is aborted (also while waiting).
   */
  take(signal?: AbortSignal): Promise<Answered>;
  /** No request is sent for `ms` from now (on top of any pause already running). */
  pause(ms: number): void;
}

export function pacer({ limits, slackMs = 0, now = Date.now, sleep = abortableSleep }: PacerOptions): Pacer {
  /** When each counted request was answered; Infinity while it is not. */
  let answers: number[] = [];
  let pausedUntil = -Infinity;
  const longest = Math.max(...limits.map((l) => l.windowMs)) + slackMs;
  /** Wakes the requests waiting for an answer to age out, when one comes. */
  let wake: () => void = () => undefined;
  let answered = new Promise<void>((resolve) => (wake = resolve));

  /** How long until a request may be sent at `at` (≤ 0: now; Infinity: after an answer). */
  function waitAt(at: number): number {
    answers = answers.filter((end) => end > at - longest);
    let until = pausedUntil;
    for (const { count, windowMs } of limits) {
      const window = windowMs + slackMs;
      const counted = answers.filter((end) => end > at - window).sort((a, b) => a - b);
      // The answer that has to age out before one more may go (none while fewer than `count` are counted).
      const ageingOut = counted[counted.length - count];
      if (ageingOut !== undefined) until = Math.max(until, ageingOut + window);
    }
    return until - at;
  }

  /** Until `ms` have passed or an answer came (it may free a place), whichever is first. */
  async function waitFor(ms: number, answer: Promise<void>, signal?: AbortSignal): Promise<void> {
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const woken = answer.then(() => stop.abort(WOKEN));
    try {
      await (ms === Infinity
        ? Promise.race([woken, never(stop.signal)])
        : Promise.race([woken, sleep(ms, stop.signal)]));
    } catch (error) {
      if (error !== WOKEN) throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stop.abort(WOKEN);
    }
  }

  return {
    async take(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const at = now();
        const wait = waitAt(at);
        if (wait <= 0) {
          answers.push(Infinity);
          let done = false;
          return () => {
            if (done) return;
            done = true;
            // Which unanswered one does not matter: one fewer is in flight, answered now.
            const i = answers.indexOf(Infinity);
            if (i >= 0) answers[i] = now();
            const woken = wake;
            answered = new Promise<void>((resolve) => (wake = resolve));
            woken();
          };
        }
        await waitFor(wait, answered, signal);
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
  };
}

const WOKEN = new Error('woken by an answer');

// Both reject by signal.throwIfAborted(): the reason is whatever abort() was given (an Error,
// WOKEN, a DOMException), rejected as it is, as fetch does.

/** Rejects with the signal's reason once it is aborted; never resolves. */
async function never(signal: AbortSignal): Promise<void> {
  await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  signal.throwIfAborted();
}

async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  const aborted = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      resolve(true);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  if (aborted) signal?.throwIfAborted();
}
