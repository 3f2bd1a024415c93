import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ALREADY_SENT,
  callInstantly,
  NOT_SENT,
  setUpInstantlyCall,
  settleInterruptedWrites,
} from '@/lib/background/capabilities/instantly-call';
import { setUpRecentCalls } from '@/lib/background/capabilities/recent-calls';
import { setUpMessageRouter } from '@/lib/background/worker/message-router';
import { startWith } from '@/lib/background/worker/start-up-gate';
import { instantlyKey } from '@/lib/background/worker/secrets';
import { pauseAgency } from '@/lib/providers/pacer';
import type { InstantlyCall } from '@/lib/common/instantly-call';
import type { Member, MemberStatus } from '@/lib/common/model';
import { accounts, consoleWrites, group, notices, recentCalls } from '@/lib/common/storage';
import { askWorker } from './ask-worker';

const id = (n: number) => `019ffad2-0000-7000-8000-${String(n).padStart(12, '0')}`;
const AGENCY = id(900);
const OTHER_AGENCY = id(901);
const KEY = 'agency-secret-key-0123456789';
const member = (n: number, status: MemberStatus = 'accepted', adminId = AGENCY): Member => ({
  membershipId: id(1000 + n),
  workspaceId: id(n),
  name: `Client ${n}`,
  status,
  addedAt: '2026-01-01T00:00:00.000Z',
  adminId,
});

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch recording what it was asked, answering with `answer` (or throwing what it returns as an Error). */
function fakeFetch(answer: (sent: Sent, n: number) => Response | Error = () => Response.json({ items: [] })) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (input: string | URL, init?: RequestInit) => {
    const one: Sent = {
      url: input.toString(),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(init?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(one);
    const result = answer(one, sent.length);
    if (result instanceof Error) throw result;
    return result;
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

const call = (over: Partial<InstantlyCall> = {}): InstantlyCall => ({
  type: 'callInstantly',
  callId: crypto.randomUUID(),
  agencyId: AGENCY,
  asWorkspaceId: id(1),
  method: 'GET',
  path: '/api/v2/campaigns',
  ...over,
});

beforeEach(async () => {
  await instantlyKey(AGENCY).set(KEY, false);
  await instantlyKey(OTHER_AGENCY).set('other-agency-key-0123456789', false);
  await accounts.set([
    { workspaceId: AGENCY, workspaceName: 'North Agency', kind: 'admin', remembered: false, checkedAt: 0 },
    { workspaceId: OTHER_AGENCY, workspaceName: 'South Agency', kind: 'admin', remembered: false, checkedAt: 0 },
  ]);
  await group.set({
    members: [member(1), member(2, 'pending'), member(3, 'accepted', OTHER_AGENCY)],
    syncedAt: 0,
  });
});

describe('a console call to Instantly', () => {
  it('goes out as the chosen sub workspace with its agency’s key, and its answer comes back', async () => {
    const api = fakeFetch(() => Response.json({ items: [{ id: 'c1' }], next_starting_after: 'c1' }));
    const answer = await callInstantly(
      call({
        query: [
          { name: 'limit', value: '10' },
          { name: 'status', value: 'a b' },
        ],
      }),
      { fetch: api.fetch },
    );
    expect(answer).toMatchObject({ ok: true, status: 200, body: { items: [{ id: 'c1' }], next_starting_after: 'c1' } });
    expect(api.sent).toHaveLength(1);
    expect(api.sent[0]!.url).toBe('https://api.instantly.ai/api/v2/campaigns?limit=10&status=a+b');
    expect(api.sent[0]!.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'x-as-workspace': id(1) });
  });

  it('as the agency’s admin workspace carries no x-as-workspace, and another agency’s sub workspace its own key', async () => {
    const api = fakeFetch();
    await callInstantly(call({ asWorkspaceId: null }), { fetch: api.fetch });
    await callInstantly(call({ agencyId: OTHER_AGENCY, asWorkspaceId: id(3) }), { fetch: api.fetch });
    expect(api.sent[0]!.headers['x-as-workspace']).toBeUndefined();
    expect(api.sent[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(api.sent[1]!.headers).toMatchObject({
      authorization: 'Bearer other-agency-key-0123456789',
      'x-as-workspace': id(3),
    });
  });

  it('is refused, with nothing sent, as a pending workspace, another agency’s, or an agency not connected', async () => {
    const api = fakeFetch();
    for (const bad of [
      call({ asWorkspaceId: id(2) }),
      call({ asWorkspaceId: id(3) }),
      call({ asWorkspaceId: id(77) }),
      call({ agencyId: id(555), asWorkspaceId: null }),
    ])
      expect(await callInstantly(bad, { fetch: api.fetch })).toMatchObject({ ok: false });
    expect(api.sent).toHaveLength(0);
  });

  it('is refused for anything but a path of Instantly’s API, and a GET with a body', async () => {
    const api = fakeFetch();
    for (const path of [
      '/api/v1/campaigns',
      '/api/v2/../v1/x',
      '/api/v2/%2e%2e/%2e%2e/x',
      '/api/v2/campaigns?limit=1',
      '/api/v2/x#y',
      '//evil.example/api/v2/x',
      'https://evil.example/api/v2/x',
    ])
      expect(await callInstantly(call({ path }), { fetch: api.fetch })).toMatchObject({ ok: false });
    expect(await callInstantly(call({ body: { a: 1 } }), { fetch: api.fetch })).toMatchObject({ ok: false });
    expect(api.sent).toHaveLength(0);
  });

  it('hands on an error answer as it came (status and Instantly’s body)', async () => {
    const api = fakeFetch(() =>
      Response.json({ statusCode: 404, error: 'Not Found', message: 'Route GET:/api/v2/x not found' }, { status: 404 }),
    );
    expect(await callInstantly(call({ path: '/api/v2/x' }), { fetch: api.fetch })).toMatchObject({
      ok: true,
      status: 404,
      body: { message: 'Route GET:/api/v2/x not found' },
    });
  });

  it('is listed in Recent API calls as from the console: method, path without query, whom, status; no key, no body', async () => {
    // The fake browser has no webRequest events: nothing is observed, the console's own calls are still listed.
    vi.spyOn(fakeBrowser, 'webRequest', 'get').mockReturnValue(undefined as never);
    setUpRecentCalls();
    const api = fakeFetch(() => Response.json({ id: 'e1', value: 'x' }));
    await callInstantly(call({ query: [{ name: 'search', value: 'secret-query' }] }), { fetch: api.fetch });
    await callInstantly(
      call({
        asWorkspaceId: null,
        method: 'POST',
        path: '/api/v2/block-lists-entries',
        body: { bl_value: 'body.example' },
      }),
      { fetch: api.fetch },
    );
    await vi.waitFor(async () => expect(await recentCalls.get()).toHaveLength(2), { timeout: 2_000 });
    const listed = await recentCalls.get();
    expect(listed.map((c) => [c.from, c.method, c.path, c.as, c.status])).toEqual(
      expect.arrayContaining([
        ['console', 'GET', '/api/v2/campaigns', 'Client 1', 200],
        ['console', 'POST', '/api/v2/block-lists-entries', null, 200],
      ]),
    );
    const stored = JSON.stringify([listed, await consoleWrites.get()]);
    for (const secret of [KEY, 'secret-query', 'body.example']) expect(stored).not.toContain(secret);
  });
});

describe('a console write', () => {
  const write = (over: Partial<InstantlyCall> = {}) =>
    call({ method: 'POST', path: '/api/v2/block-lists-entries', body: { bl_value: 'spam.example' }, ...over });

  it('is journalled before it is sent, and never sent twice with the same id', async () => {
    let journalWhenSent: unknown;
    const api = fakeFetch(() => Response.json({ id: 'b1' }));
    const fetch = (async (...args: Parameters<typeof globalThis.fetch>) => {
      journalWhenSent = await consoleWrites.get();
      return api.fetch(...args);
    }) as typeof globalThis.fetch;
    const once = write();
    expect(await callInstantly(once, { fetch })).toMatchObject({ ok: true, status: 200 });
    expect(journalWhenSent).toEqual([
      expect.objectContaining({ id: once.callId, state: 'sending', method: 'POST', label: 'Client 1' }),
    ]);
    expect(api.sent[0]!.body).toEqual({ bl_value: 'spam.example' });
    expect(await callInstantly(once, { fetch })).toEqual({ ok: false, error: ALREADY_SENT });
    expect(api.sent).toHaveLength(1);
    expect(await consoleWrites.get()).toEqual([expect.objectContaining({ id: once.callId, state: 'sent' })]);
  });

  it('that got no answer says it may have been done, and is kept as unknown', async () => {
    const api = fakeFetch(() => new TypeError('Failed to fetch'));
    const lost = write();
    const answer = await callInstantly(lost, { fetch: api.fetch });
    expect(answer).toMatchObject({ ok: false, unknown: true, error: expect.stringContaining('may or may not') });
    expect(answer).toMatchObject({ error: expect.stringContaining('POST /api/v2/block-lists-entries as Client 1') });
    expect(await consoleWrites.get()).toEqual([expect.objectContaining({ state: 'unknown', cause: 'no-answer' })]);
    expect(await callInstantly(lost, { fetch: api.fetch })).toMatchObject({ ok: false, unknown: true });
    expect(api.sent).toHaveLength(1);
  });

  it('cut off by a stopped worker is never sent again, and the user is told it may have reached Instantly', async () => {
    const cut = write();
    await consoleWrites.set([
      {
        id: cut.callId,
        at: 1,
        method: 'POST',
        path: '/api/v2/block-lists-entries',
        agencyId: AGENCY,
        asWorkspaceId: id(1),
        label: 'Client 1',
        state: 'sending',
      },
    ]);
    await settleInterruptedWrites(); // the next worker's start-up
    expect(await consoleWrites.get()).toEqual([expect.objectContaining({ state: 'unknown', cause: 'interrupted' })]);
    expect((await notices.get()).map((n) => n.text)).toEqual([
      expect.stringMatching(
        /^POST \/api\/v2\/block-lists-entries as Client 1 got no answer.*may or may not have been done/,
      ),
    ]);
    const api = fakeFetch();
    expect(await callInstantly(cut, { fetch: api.fetch })).toMatchObject({ ok: false, unknown: true });
    expect(api.sent).toHaveLength(0);
  });

  it('refused with a 429 is handed on, not tried again; a read is tried again after the agency’s pause', async () => {
    const limited = () => Response.json({ message: 'Too many' }, { status: 429, headers: { 'retry-after': '0' } });
    const writes = fakeFetch(limited);
    expect(await callInstantly(write(), { fetch: writes.fetch })).toMatchObject({ ok: true, status: 429 });
    expect(writes.sent).toHaveLength(1);
    const reads = fakeFetch((_, n) => (n < 3 ? limited() : Response.json({ items: [] })));
    expect(await callInstantly(call(), { fetch: reads.fetch })).toMatchObject({ ok: true, status: 200 });
    expect(reads.sent).toHaveLength(3);
  });
});

describe('the call primitive’s messages', () => {
  it('are answered only for the extension’s own pages; a call waiting for its turn can be cancelled unsent', async () => {
    void startWith(async () => undefined);
    setUpInstantlyCall();
    setUpMessageRouter();
    const api = fakeFetch();
    vi.stubGlobal('fetch', api.fetch);
    try {
      const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/console.html') };
      const contentScript = { id: fakeBrowser.runtime.id, url: 'https://app.instantly.ai/' };
      const foreign = await askWorker(call(), contentScript);
      expect(foreign).toBeUndefined();
      expect(api.sent).toHaveLength(0);

      pauseAgency(AGENCY, 60, 0); // a 429 just paused the agency for a minute
      const waiting = call();
      const pending = askWorker(waiting, page);
      const cancelled = askWorker({ type: 'cancelCall', callId: waiting.callId }, page);
      expect(await cancelled).toEqual({ ok: true });
      expect(await pending).toEqual({ ok: false, error: NOT_SENT });
      expect(api.sent).toHaveLength(0);
      // A cancel that comes first (the page cancelled a fan-out at once) holds too.
      const early = call();
      const first = askWorker({ type: 'cancelCall', callId: early.callId }, page);
      expect(await first).toEqual({ ok: true });
      const late = askWorker(early, page);
      expect(await late).toEqual({ ok: false, error: NOT_SENT });
      expect(api.sent).toHaveLength(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
