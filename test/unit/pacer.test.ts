import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { GLANCE_PACE } from '@/lib/providers/instantly/glance-client';
import {
  agencyPacer,
  clampPace,
  INSTANTLY_LIMIT,
  neverFannedOut,
  pacer,
  pauseAgency,
  pauseMsFor,
  setAgencyPace,
  takeTurn,
} from '@/lib/providers/pacer';
import { WorkspaceId } from '@/lib/common/workspace-id';

/** The most start times that fall within any closed window [t, t + windowMs]. */
function busiest(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! > windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** `workers` loops taking turns until `total` requests have started; their start times. */
async function run(p: ReturnType<typeof pacer>, total: number, workers = 4, signal?: AbortSignal): Promise<number[]> {
  const times: number[] = [];
  let left = total;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (left > 0) {
        left--;
        const answered = await p.take(signal);
        times.push(Date.now());
        answered();
      }
    }),
  );
  return times;
}

describe('pacer', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  it('never more than 10 requests in any second, nor 300 in any minute', async () => {
    const p = pacer({
      limits: [
        { count: 10, windowMs: 1_000 },
        { count: 300, windowMs: 60_000 },
      ],
      slackMs: 100,
    });
    const done = run(p, 700);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    const times = await done;
    expect(times).toHaveLength(700);
    expect(busiest(times, 1_000)).toBe(10);
    expect(busiest(times, 60_000)).toBe(300);
    // …and no slower than that allows: 300 in the first 33 s (10 per 1.1 s), the next 300 a minute later.
    expect(times[299]).toBeLessThan(33_000);
    expect(times[300]).toBeGreaterThan(60_000);
    expect(times[599]).toBeLessThan(60_100 + 33_000);
  });

  it('slow, uneven answers: however late a request reaches the server, never 11 arrive within a second', async () => {
    const p = pacer(GLANCE_PACE);
    // A fixed pseudo-random sequence: latencies of 0–900 ms, each request arriving anywhere in its own.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const arrivals: number[] = [];
    let left = 400;
    const done = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (left-- > 0) {
          const answered = await p.take();
          const latency = random() * 900;
          arrivals.push(Date.now() + random() * latency);
          await new Promise((resolve) => setTimeout(resolve, latency));
          answered();
        }
      }),
    );
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await done;
    arrivals.sort((a, b) => a - b);
    expect(arrivals).toHaveLength(400);
    expect(busiest(arrivals, 1_000)).toBeLessThanOrEqual(10);
    expect(busiest(arrivals, 60_000)).toBeLessThanOrEqual(300);
  });

  it('a pause (a 429’s Retry-After) holds every request until it ends', async () => {
    const p = pacer({ limits: [{ count: 10, windowMs: 1_000 }] });
    (await p.take())();
    p.pause(5_000);
    const times: number[] = [];
    const waiting = Promise.all(
      [1, 2, 3].map(() =>
        p.take().then((answered) => {
          times.push(Date.now());
          answered();
        }),
      ),
    );
    await vi.advanceTimersByTimeAsync(4_999);
    expect(times).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(times).toEqual([5_000, 5_000, 5_000]);
  });

  it('a pause never shortens one already running', async () => {
    const p = pacer({ limits: [{ count: 10, windowMs: 1_000 }] });
    p.pause(5_000);
    p.pause(1_000);
    let at = -1;
    const waiting = p.take().then(() => (at = Date.now()));
    await vi.advanceTimersByTimeAsync(5_000);
    await waiting;
    expect(at).toBe(5_000);
  });

  it('an abort ends the waits at once, and nothing more starts', async () => {
    const p = pacer({ limits: [{ count: 2, windowMs: 1_000 }] });
    const controller = new AbortController();
    const done = run(p, 10, 2, controller.signal).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_500);
    controller.abort(new Error('key forgotten'));
    const outcome = await done;
    expect(outcome).toEqual(new Error('key forgotten'));
    expect(vi.getTimerCount()).toBe(0);
    await expect(p.take(controller.signal)).rejects.toThrow('key forgotten');
  });
});

/** `total` turns of one agency for `path`, by `workers` loops; their start times. */
async function turns(agency: string, total: number, path = '/api/v2/campaigns', method = 'GET', workers = 4) {
  const times: number[] = [];
  let left = total;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (left > 0) {
        left--;
        const answered = await takeTurn(agency, method, path);
        times.push(Date.now());
        answered();
      }
    }),
  );
  return times;
}

describe('the agencies’ pacers', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  it('one per agency, the same for every caller; agencies do not share a budget', async () => {
    // Ids are parsed (WorkspaceId) before they reach the pacer: one in upper case is the same agency.
    const typed = WorkspaceId.parse('019FFAD2-0000-7000-8000-0000000000AA');
    expect(agencyPacer(typed)).toBe(agencyPacer('019ffad2-0000-7000-8000-0000000000aa'));
    const done = Promise.all([turns('agency-a', 30), turns('agency-b', 30)]);
    await vi.advanceTimersByTimeAsync(10_000);
    const [a, b] = await done;
    expect(busiest(a, 1_000)).toBe(10);
    expect(busiest(b, 1_000)).toBe(10);
    // Side by side: B does not wait for A.
    expect(b[9]).toBeLessThan(100);
  });

  it('GET /emails keeps to 20 a minute within the agency’s pace, and is never fanned out', async () => {
    const done = turns('agency-a', 30, '/api/v2/emails');
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    const times = await done;
    expect(busiest(times, 60_000)).toBe(20);
    expect(neverFannedOut('get', '/api/v2/emails')).toBe(true);
    expect(neverFannedOut('GET', '/api/v2/campaigns')).toBe(false);
  });

  it('a raised pace lets more through, never beyond Instantly’s own 100 a second', async () => {
    setAgencyPace({ perSecond: 500, perMinute: 100_000 });
    const done = turns('agency-a', 400, '/api/v2/campaigns', 'GET', 8);
    await vi.advanceTimersByTimeAsync(30_000);
    const times = await done;
    expect(busiest(times, 1_000)).toBe(100);
    expect(clampPace({ perSecond: 0, perMinute: Number.NaN })).toEqual({ perSecond: 1, perMinute: 300 });
    expect(clampPace({ perSecond: 1e6, perMinute: 1e6 })).toEqual(INSTANTLY_LIMIT);
  });

  it('a 429 pauses every request of the agency, Retry-After clamped to a minute', async () => {
    pauseAgency('agency-a', 86_400, 2_000);
    const done = turns('agency-a', 1);
    await vi.advanceTimersByTimeAsync(120_000);
    const [at] = await done;
    expect(at).toBeGreaterThanOrEqual(60_000);
    expect(at).toBeLessThan(61_000);
    expect(pauseMsFor(undefined, 2_000)).toBe(2_000);
    expect(pauseMsFor(-5, 2_000)).toBe(0);
  });
});
