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
import type { WorkspaceId } from '../common/workspace-id';

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
  /** New limits from now on; the answers already counted still count (a setting changed). */
  setLimits(limits: readonly PaceLimit[]): void;
}

export function pacer({ limits: initial, slackMs = 0, now = Date.now, sleep = abortableSleep }: PacerOptions): Pacer {
  let limits = initial;
  /** When each counted request was answered; Infinity while it is not. */
  let answers: number[] = [];
  let pausedUntil = -Infinity;
  let longest = Math.max(...limits.map((l) => l.windowMs)) + slackMs;
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
    setLimits(next) {
      limits = next;
      longest = Math.max(...limits.map((l) => l.windowMs)) + slackMs;
      // Waiting requests re-read the limits at once (a raised limit frees them now).
      const woken = wake;
      answered = new Promise<void>((resolve) => (wake = resolve));
      woken();
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

// ---- The one pacer per agency ------------------------------------------------------------------
// Every request the background makes with an agency's key — the glance, the console, a request
// builder's fan-out — takes its turn from that agency's pacer, so together they stay within one
// budget, and a 429 to any of them pauses all of them. Kept for the worker's life (a pause is not
// forgotten when the next run starts). [inference] Whether calls made with x-as-workspace count
// against the admin's budget or each sub workspace's is not documented: counting them all against
// the agency is the side that never overshoots (docs/instantly-api.md#rate-limits).

/** A pace, as a user sets it: requests in any second and in any minute, per agency. */
export interface Pace {
  perSecond: number;
  perMinute: number;
}

/** Instantly's own limit for a workspace, shared by every tool and key it has (docs/instantly-api.md#rate-limits). */
export const INSTANTLY_LIMIT: Pace = { perSecond: 100, perMinute: 6_000 };
/** The default: a tenth and a twentieth of Instantly's limit, leaving the rest to the agency's other tools. */
export const DEFAULT_PACE: Pace = { perSecond: 10, perMinute: 300 };
/** A margin for clocks and rounding on every window. */
export const PACE_SLACK_MS = 100;

/** A pace within 1 request a second and Instantly's limit, whatever was stored or typed. */
export function clampPace(pace: Pace): Pace {
  const within = (n: number, max: number, fallback: number) =>
    Number.isFinite(n) ? Math.min(max, Math.max(1, Math.floor(n))) : fallback;
  return {
    perSecond: within(pace.perSecond, INSTANTLY_LIMIT.perSecond, DEFAULT_PACE.perSecond),
    perMinute: within(pace.perMinute, INSTANTLY_LIMIT.perMinute, DEFAULT_PACE.perMinute),
  };
}

export const limitsOf = (pace: Pace): PaceLimit[] => [
  { count: pace.perSecond, windowMs: 1_000 },
  { count: pace.perMinute, windowMs: 60_000 },
];

/**
 * Endpoints with a lower limit of their own (docs/instantly-api.md#rate-limits): paced on top of
 * the agency's pace, and never fanned out over workspaces.
 */
const ENDPOINT_LIMITS: { method: string; path: string; limit: PaceLimit }[] = [
  { method: 'GET', path: '/api/v2/emails', limit: { count: 20, windowMs: 60_000 } },
  { method: 'POST', path: '/api/v2/emails/test', limit: { count: 10, windowMs: 60_000 } },
];

const endpointLimit = (method: string, path: string) =>
  ENDPOINT_LIMITS.find((e) => e.method === method.toUpperCase() && e.path === path.replace(/\/+$/, ''));

/** A request a fan-out over many workspaces must never make (its own limit is far below the agency's). */
export const neverFannedOut = (method: string, path: string): boolean => endpointLimit(method, path) !== undefined;

/** The longest a 429 pauses an agency, whatever its Retry-After says (a day's Retry-After must not stop the extension for a day). */
export const MAX_PAUSE_MS = 60_000;

/** The pause a 429 asks for, clamped to [0, MAX_PAUSE_MS]; `fallbackMs` when it gave no Retry-After. */
export function pauseMsFor(retryAfterS: number | undefined, fallbackMs: number): number {
  const ms = retryAfterS !== undefined && Number.isFinite(retryAfterS) ? retryAfterS * 1000 : fallbackMs;
  return Math.min(MAX_PAUSE_MS, Math.max(0, ms));
}

let agencyPace: Pace = DEFAULT_PACE;
const agencies = new Map<string, Pacer>();
const endpoints = new Map<string, Pacer>();

/**
 * The pacer of an agency (by its admin workspace id, a parsed WorkspaceId, so in the one form
 * every caller has): the same one for every caller.
 */
export function agencyPacer(agencyId: WorkspaceId): Pacer {
  let found = agencies.get(agencyId);
  if (!found) {
    found = pacer({ limits: limitsOf(agencyPace), slackMs: PACE_SLACK_MS });
    agencies.set(agencyId, found);
  }
  return found;
}

/** The pace every agency's pacer keeps from now on (the setting changed). */
export function setAgencyPace(pace: Pace): void {
  agencyPace = clampPace(pace);
  for (const p of agencies.values()) p.setLimits(limitsOf(agencyPace));
}

/**
 * One turn for a request of an agency: its endpoint's own limit first (if it has one), then the
 * agency's. Call the answer when the request was answered or failed.
 */
export async function takeTurn(
  agencyId: WorkspaceId,
  method: string,
  path: string,
  signal?: AbortSignal,
): Promise<Answered> {
  const own = endpointLimit(method, path);
  let first: Answered = () => undefined;
  if (own) {
    const key = `${agencyId} ${own.method} ${own.path}`;
    let p = endpoints.get(key);
    if (!p) endpoints.set(key, (p = pacer({ limits: [own.limit], slackMs: PACE_SLACK_MS })));
    first = await p.take(signal);
  }
  try {
    const second = await agencyPacer(agencyId).take(signal);
    return () => {
      first();
      second();
    };
  } catch (error) {
    first();
    throw error;
  }
}

/** A 429 to any request of the agency: its whole queue waits (Retry-After clamped). */
export function pauseAgency(agencyId: WorkspaceId, retryAfterS: number | undefined, fallbackMs: number): void {
  agencyPacer(agencyId).pause(pauseMsFor(retryAfterS, fallbackMs));
}

/** Tests only: every agency starts with no history and the default pace. */
export function resetAgencyPacers(): void {
  agencies.clear();
  endpoints.clear();
  agencyPace = DEFAULT_PACE;
}
