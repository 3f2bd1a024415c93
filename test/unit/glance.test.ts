import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetKey } from '@/lib/background/capabilities/connect';
import { GLANCE_CUT_SHORT, refreshGlance, setUpGlance } from '@/lib/background/capabilities/glance';
import { startWith } from '@/lib/background/worker/start-up-gate';
import { instantlyKey } from '@/lib/background/worker/secrets';
import { ApiError } from '@/lib/providers/api-error';
import { pauseAgency, takeTurn } from '@/lib/providers/pacer';
import type { AccountPage, GlanceClient } from '@/lib/providers/instantly/glance-client';
import type { SendingAccount } from '@/lib/providers/instantly/schemas';
import type { Member, MemberStatus } from '@/lib/common/model';
import { glanceRun, glances, group } from '@/lib/common/storage';
import { account } from './one-account';

const id = (n: number) => `019ffad2-0000-7000-8000-${String(n).padStart(12, '0')}`;
const member = (n: number, status: MemberStatus = 'accepted'): Member => ({
  membershipId: id(1000 + n),
  workspaceId: id(n),
  name: `Client ${n}`,
  status,
  addedAt: '2026-01-01T00:00:00.000Z',
});

interface Call {
  at: number;
  what: 'unread' | 'launched' | 'accounts';
  workspace: string;
  key: string;
}

/**
 * A glance client answering from figures per workspace, recording every call; `fail` may throw
 * instead (an ApiError, as the real client would).
 */
function fakeGlanceApi(
  options: { accounts?: (workspace: string) => SendingAccount[]; fail?: (call: Call) => ApiError | undefined } = {},
) {
  const calls: Call[] = [];
  const record = (key: string, what: Call['what'], workspace: string) => {
    const call = { at: Date.now(), what, workspace, key };
    calls.push(call);
    const error = options.fail?.(call);
    if (error) throw error;
  };
  const make = (key: string): GlanceClient => ({
    unreadCount: async (workspace) => {
      record(key, 'unread', workspace);
      return Number(workspace.slice(-3));
    },
    launchedCount: async (workspace) => {
      record(key, 'launched', workspace);
      return 2;
    },
    accountsPage: async (workspace, startingAfter): Promise<AccountPage> => {
      record(key, 'accounts', workspace);
      const all = options.accounts?.(workspace) ?? [];
      const from = startingAfter ? Number(startingAfter) : 0;
      const accounts = all.slice(from, from + 100);
      return { accounts, skipped: 0, ...(from + 100 < all.length ? { next_starting_after: String(from + 100) } : {}) };
    },
  });
  return { calls, make };
}

async function connectAdmin(members: Member[], key = 'admin-key') {
  await instantlyKey(id(999)).set(key, false);
  await account.set({ workspaceId: id(999), workspaceName: 'Agency', kind: 'admin', remembered: false, checkedAt: 0 });
  await group.set({ members, syncedAt: 0 });
}

/** The most calls within any closed window of `ms`. */
function busiest(times: number[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! > ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('the glance', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => void vi.useRealTimers());

  it('reads each accepted sub workspace as itself, never a pending or rejected one, and stores the figures with their time', async () => {
    await connectAdmin([member(1), member(2, 'pending'), member(3), member(4, 'rejected')]);
    const api = fakeGlanceApi({
      accounts: (ws) =>
        ws === id(3)
          ? [
              { email: 'ok@client3.com', status: 1, warmup_status: 1 },
              {
                email: 'down@client3.com',
                status: -1,
                warmup_status: 1,
                status_message: { response: '535 Authentication failed' },
              },
              { email: 'banned@client3.com', status: 1, warmup_status: -1 },
            ]
          : [],
    });
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    expect(await run).toEqual({ ok: true });

    expect(new Set(api.calls.map((c) => c.workspace))).toEqual(new Set([id(1), id(3)]));
    expect(api.calls.every((c) => c.key === 'admin-key')).toBe(true);
    const byWorkspace = await glances.get();
    expect(Object.keys(byWorkspace).sort()).toEqual([id(1), id(3)]);
    expect(byWorkspace[id(1)]).toEqual({ fetchedAt: expect.any(Number), unread: 1, launched: 2, trouble: 0 });
    expect(byWorkspace[id(3)]).toMatchObject({
      unread: 3,
      trouble: 2,
      troubled: [
        { email: 'down@client3.com', reason: 'connection error: 535 Authentication failed' },
        { email: 'banned@client3.com', reason: 'warmup banned' },
      ],
    });
    expect(await glanceRun.get()).toMatchObject({ running: false, done: 2, total: 2 });
  });

  it('reads every page of a workspace’s accounts', async () => {
    await connectAdmin([member(1)]);
    const many = Array.from({ length: 250 }, (_, i) => ({
      email: `a${i}@x.com`,
      status: i % 50 === 0 ? -3 : 1,
      warmup_status: 1,
    }));
    const api = fakeGlanceApi({ accounts: () => many });
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    await run;
    expect(api.calls.filter((c) => c.what === 'accounts')).toHaveLength(3);
    expect((await glances.get())[id(1)]).toMatchObject({ trouble: 5 });
  });

  it('keeps to 10 requests in any second and 300 in any minute', async () => {
    await connectAdmin(Array.from({ length: 150 }, (_, i) => member(i + 1)));
    const api = fakeGlanceApi();
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    await run;
    const times = api.calls.map((c) => c.at);
    expect(times).toHaveLength(450);
    expect(busiest(times, 1_000)).toBeLessThanOrEqual(10);
    expect(busiest(times, 60_000)).toBeLessThanOrEqual(300);
    expect(Object.keys(await glances.get())).toHaveLength(150);
  });

  it('shows its progress while it runs', async () => {
    await connectAdmin(Array.from({ length: 40 }, (_, i) => member(i + 1)));
    const api = fakeGlanceApi();
    const run = refreshGlance({ makeClient: api.make });
    await vi.advanceTimersByTimeAsync(5_000);
    const progress = await glanceRun.get();
    expect(progress).toMatchObject({ running: true, total: 40 });
    expect(progress!.done).toBeGreaterThan(0);
    expect(progress!.done).toBeLessThan(40);
    // Figures read so far are stored already.
    expect(Object.keys(await glances.get()).length).toBeGreaterThan(0);
    await vi.runAllTimersAsync();
    await run;
    expect(await glanceRun.get()).toMatchObject({ running: false, done: 40, total: 40 });
  });

  it('a 429 pauses the whole run for its Retry-After, then the same call is made again', async () => {
    await connectAdmin(Array.from({ length: 6 }, (_, i) => member(i + 1)));
    let limited = false;
    const api = fakeGlanceApi({
      fail: (call) => {
        if (limited || call.workspace !== id(2) || call.what !== 'launched') return undefined;
        limited = true;
        return new ApiError('rate-limited', 'Rate limit exceeded', 429, 7);
      },
    });
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    expect(await run).toEqual({ ok: true });
    const refusedAt = api.calls.find((c) => c.workspace === id(2) && c.what === 'launched')!.at;
    const after = api.calls.filter((c) => c.at > refusedAt);
    expect(after.length).toBeGreaterThan(0);
    // Nothing at all for 7 s, from any workspace.
    expect(Math.min(...after.map((c) => c.at))).toBeGreaterThanOrEqual(refusedAt + 7_000);
    expect(api.calls.filter((c) => c.workspace === id(2) && c.what === 'launched')).toHaveLength(2);
    expect((await glances.get())[id(2)]).toMatchObject({ launched: 2 });
    expect((await glances.get())[id(2)]!.error).toBeUndefined();
  });

  it('a Retry-After of a day pauses the agency for a minute at most', async () => {
    await connectAdmin(Array.from({ length: 3 }, (_, i) => member(i + 1)));
    let limited = false;
    const api = fakeGlanceApi({
      fail: (call) => {
        if (limited || call.workspace !== id(2) || call.what !== 'unread') return undefined;
        limited = true;
        return new ApiError('rate-limited', 'Rate limit exceeded', 429, 86_400);
      },
    });
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    expect(await run).toEqual({ ok: true });
    const refusedAt = api.calls.find((c) => c.workspace === id(2) && c.what === 'unread')!.at;
    const next = Math.min(...api.calls.filter((c) => c.at > refusedAt).map((c) => c.at));
    expect(next).toBeGreaterThanOrEqual(refusedAt + 60_000);
    expect(next).toBeLessThan(refusedAt + 61_000);
  });

  it('a pause a 429 asked for holds for the next run too (the agency’s pacer outlives a run)', async () => {
    await connectAdmin(Array.from({ length: 6 }, (_, i) => member(i + 1)));
    let refusedAt: number | undefined;
    const api = fakeGlanceApi({
      fail: (call) => {
        if (refusedAt !== undefined || call.workspace !== id(2)) return undefined;
        refusedAt = call.at;
        return new ApiError('rate-limited', 'Rate limit exceeded', 429, 30);
      },
    });
    const first = refreshGlance({ makeClient: api.make });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(refusedAt).toBeDefined();
    // Another key of the same agency: the first run is stopped and a new one starts at once.
    await connectAdmin(
      Array.from({ length: 6 }, (_, i) => member(i + 1)),
      'replaced-key',
    );
    const second = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    await Promise.all([first, second]);
    const ofSecond = api.calls.filter((c) => c.key === 'replaced-key');
    expect(ofSecond.length).toBeGreaterThan(0);
    expect(Math.min(...ofSecond.map((c) => c.at))).toBeGreaterThanOrEqual(refusedAt! + 30_000);
  });

  it('shares its agency’s budget with the console: together never more than 10 requests in any second', async () => {
    await connectAdmin(Array.from({ length: 30 }, (_, i) => member(i + 1)));
    const api = fakeGlanceApi();
    const consoleCalls: number[] = [];
    const run = refreshGlance({ makeClient: api.make });
    const fromConsole = Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let i = 0; i < 20; i++) {
          const answered = await takeTurn(id(999), 'GET', '/api/v2/campaigns/analytics/overview');
          consoleCalls.push(Date.now());
          answered();
        }
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all([run, fromConsole]);
    expect(consoleCalls).toHaveLength(60);
    const all = [...api.calls.map((c) => c.at), ...consoleCalls].sort((a, b) => a - b);
    expect(all).toHaveLength(150);
    expect(busiest(all, 1_000)).toBe(10);
  });

  it('a 429 the console met pauses the glance of that agency too', async () => {
    await connectAdmin(Array.from({ length: 3 }, (_, i) => member(i + 1)));
    pauseAgency(id(999), 20, 2_000);
    const api = fakeGlanceApi();
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    await run;
    expect(Math.min(...api.calls.map((c) => c.at))).toBeGreaterThanOrEqual(1_000_000 + 20_000);
  });

  it('429 after 429: backs off, then stops with a sentence and keeps what it read', async () => {
    await connectAdmin(Array.from({ length: 4 }, (_, i) => member(i + 1)));
    const start = Date.now();
    // The first three workspaces are read in the first second; then Instantly refuses everything.
    const api = fakeGlanceApi({
      fail: (call) => (call.at - start >= 1_000 ? new ApiError('rate-limited', 'Rate limit exceeded', 429) : undefined),
    });
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    expect(await run).toEqual({ ok: false, error: expect.stringMatching(/rate-limiting/) });
    const refused = api.calls.filter((c) => c.at - start >= 1_000).map((c) => c.at);
    // Without Retry-After: 2 s, 4 s, 8 s, 16 s between tries, then it stops.
    expect(refused[refused.length - 1]! - refused[0]!).toBeGreaterThanOrEqual(2_000 + 4_000 + 8_000 + 16_000);
    expect(await glanceRun.get()).toMatchObject({
      running: false,
      done: 3,
      total: 4,
      error: expect.stringMatching(/rate-limiting/),
    });
    const byWorkspace = await glances.get();
    expect(Object.keys(byWorkspace).sort()).toEqual([id(1), id(2), id(3)]);
  });

  it('a missing scope shows on that workspace only, naming the scope; the others show theirs', async () => {
    await connectAdmin([member(1), member(2), member(3)]);
    const api = fakeGlanceApi({
      fail: (call) =>
        call.workspace === id(2) && call.what === 'unread' ? new ApiError('forbidden', 'Forbidden', 403) : undefined,
    });
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    await run;
    const byWorkspace = await glances.get();
    expect(byWorkspace[id(2)]).toMatchObject({
      launched: 2,
      trouble: 0,
      error: 'This key can’t read unread replies: it needs the scope emails:read.',
    });
    expect(byWorkspace[id(2)]!.unread).toBeUndefined();
    expect(byWorkspace[id(1)]!.error).toBeUndefined();
    expect(byWorkspace[id(3)]).toMatchObject({ unread: 3 });
  });

  it('a workspace without a paid plan is asked once, not three times', async () => {
    await connectAdmin([member(1), member(2)]);
    const api = fakeGlanceApi({
      fail: (call) => (call.workspace === id(1) ? new ApiError('payment-required', undefined, 402) : undefined),
    });
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    await run;
    expect(api.calls.filter((c) => c.workspace === id(1))).toHaveLength(1);
    expect((await glances.get())[id(1)]!.error).toMatch(/no active paid Instantly plan/);
  });

  it('a rejected key stops the run with its sentence', async () => {
    await connectAdmin([member(1), member(2)]);
    const api = fakeGlanceApi({ fail: () => new ApiError('unauthorized', undefined, 401) });
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    expect(await run).toEqual({ ok: false, error: expect.stringMatching(/rejected/) });
    expect(api.calls.length).toBeLessThanOrEqual(2);
    expect(await glanceRun.get()).toMatchObject({ running: false, error: expect.stringMatching(/rejected/) });
  });

  it('the key forgotten mid-run: the run stops at once and writes nothing more', async () => {
    await connectAdmin(Array.from({ length: 40 }, (_, i) => member(i + 1)));
    const api = fakeGlanceApi();
    const run = refreshGlance({ makeClient: api.make });
    await vi.advanceTimersByTimeAsync(3_000);
    await forgetKey();
    const made = api.calls.length;
    await vi.runAllTimersAsync();
    expect(await run).toEqual({ ok: true });
    expect(api.calls.length).toBeLessThanOrEqual(made + 1); // at most the one already past the pacer
    expect(await glances.get()).toEqual({});
    expect(await glanceRun.get()).toBeNull();
  });

  it('the key replaced mid-run: no call more with the old key, no figure more written by it', async () => {
    await connectAdmin(Array.from({ length: 40 }, (_, i) => member(i + 1)));
    const api = fakeGlanceApi();
    const run = refreshGlance({ makeClient: api.make });
    await vi.advanceTimersByTimeAsync(3_000);
    await instantlyKey(id(999)).set('new-key', false);
    const stored = Object.keys(await glances.get()).length;
    const made = api.calls.length;
    await vi.runAllTimersAsync();
    await run;
    expect(api.calls.length).toBe(made);
    expect(Object.keys(await glances.get())).toHaveLength(stored);
    expect(await glanceRun.get()).toMatchObject({ running: false });
  });

  it('never two runs at once: a second refresh joins the first', async () => {
    await connectAdmin([member(1), member(2)]);
    const api = fakeGlanceApi();
    const first = refreshGlance({ makeClient: api.make });
    const second = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    await Promise.all([first, second]);
    expect(api.calls).toHaveLength(6);
  });

  it('the least recently read go first, so a run cut short is continued by the next', async () => {
    await connectAdmin([member(1), member(2), member(3)]);
    await glances.set({ [id(1)]: { fetchedAt: 5 }, [id(2)]: { fetchedAt: 1 } });
    const api = fakeGlanceApi();
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    await run;
    expect(api.calls.filter((c) => c.what === 'unread').map((c) => c.workspace)).toEqual([id(3), id(2), id(1)]);
  });

  it('a removed workspace’s figures go when the group is stored without it', async () => {
    void startWith(async () => undefined);
    setUpGlance();
    await connectAdmin([member(1), member(2)]);
    const api = fakeGlanceApi();
    const run = refreshGlance({ makeClient: api.make });
    await vi.runAllTimersAsync();
    await run;
    await group.set({ members: [member(2)], syncedAt: 1 });
    await vi.runAllTimersAsync();
    expect(Object.keys(await glances.get())).toEqual([id(2)]);
  });

  it('a run the worker stopped in the middle of no longer says it is running', async () => {
    await glanceRun.set({ running: true, done: 3, total: 10, startedAt: 1 });
    void startWith(async () => undefined);
    setUpGlance();
    await vi.runAllTimersAsync();
    expect(await glanceRun.get()).toMatchObject({ running: false, done: 3, error: GLANCE_CUT_SHORT });
  });
});
