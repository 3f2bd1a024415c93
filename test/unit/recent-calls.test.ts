import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  customPatterns,
  recorder,
  seenFrom,
  WRITE_EVERY_MS,
  type SentDetails,
} from '@/lib/background/capabilities/recent-calls';
import { unstructuredKey } from '@/lib/background/worker/secrets';
import { actingAs, group, recentCalls, tabActing, unstructuredWorkspaces } from '@/lib/common/storage';
import { RECENT_CALL_PATH_KEPT, RECENT_CALLS_BYTES, RECENT_CALLS_KEPT } from '@/lib/common/model';

const OWN = 'chrome-extension://abcdefghijklmnop';
const ACME = { workspaceId: '019ffad2-5cb9-7412-a999-646b69b0d7b4', name: 'Acme Outbound' };
const NORTH = { workspaceId: '019ffad2-5cb9-7412-a999-646b69b0d7b5', name: 'Northwind Leads' };
const KEY = 'sk-admin-secret-0123456789';

let nextId = 1;
function call(overrides: Partial<SentDetails> = {}, headers: Record<string, string> = {}): SentDetails {
  return {
    requestId: String(nextId++),
    url: 'https://api.instantly.ai/api/v2/workspaces/current?api_key=query-secret',
    method: 'GET',
    tabId: 7,
    timeStamp: 1_800_000_000_000 + nextId,
    initiator: 'https://app.instantly.ai',
    requestHeaders: [
      { name: 'Authorization', value: `Bearer ${KEY}` },
      ...Object.entries(headers).map(([name, value]) => ({ name, value })),
    ],
    ...overrides,
  };
}

afterEach(() => vi.useRealTimers());

describe('which requests are listed', () => {
  it('lists a page’s call by method, path without its query, and the page’s host', () => {
    const seen = seenFrom(call({}, { 'x-as-workspace': ACME.workspaceId }), OWN);
    expect(seen).toMatchObject({
      method: 'GET',
      host: 'api.instantly.ai',
      path: '/api/v2/workspaces/current',
      site: 'app.instantly.ai',
      api: 'instantly',
      asWorkspaceId: ACME.workspaceId,
    });
    expect(JSON.stringify(seen)).not.toContain('query-secret');
    expect(JSON.stringify(seen)).not.toContain(KEY);
  });

  it('takes the site from Firefox’s originUrl as a host only (its path and query could hold anything)', () => {
    const seen = seenFrom(call({ initiator: undefined, originUrl: 'https://tools.example/admin?session=abc' }), OWN);
    expect(seen?.site).toBe('tools.example');
  });

  it('leaves out the extension’s own calls (Chromium and Firefox) and CORS preflights', () => {
    expect(seenFrom(call({ initiator: OWN }), OWN)).toBeNull();
    const firefoxOwn = 'moz-extension://5e3a1c9d-7b42-4f0e-9a61-2d8c4b7e0f13';
    expect(
      seenFrom(call({ initiator: undefined, originUrl: `${firefoxOwn}/_generated_background_page.html` }), firefoxOwn),
    ).toBeNull();
    expect(seenFrom(call({ method: 'OPTIONS' }), OWN)).toBeNull();
  });

  it('says “unknown site” for an opaque origin', () => {
    expect(seenFrom(call({ initiator: 'null' }), OWN)?.site).toBeNull();
  });

  it('knows the docs’ “Try it” route for a call relayed by a server', () => {
    const seen = seenFrom(
      call({
        url: 'https://developer.instantly.ai/_mintlify/api/request',
        method: 'POST',
        initiator: 'https://developer.instantly.ai',
      }),
      OWN,
    );
    expect(seen).toMatchObject({ api: 'relayed', host: 'developer.instantly.ai', asWorkspaceId: null });
  });

  it('watches an Unstructured account’s own API host, and nothing twice', () => {
    const w = (apiBase: string) => ({ id: apiBase, name: 'n', apiBase, keyHint: '…', remembered: false, addedAt: 0 });
    expect(
      customPatterns([
        w('https://platform.unstructuredapp.io'),
        w('https://acme.unstructuredapp.io'),
        w('https://acme.unstructuredapp.io/'),
      ]),
    ).toEqual(['https://acme.unstructuredapp.io/*']);
  });
});

describe('the stored list', () => {
  it('names the workspace each call went out as, or the admin workspace when none', async () => {
    await group.set({
      members: [
        {
          membershipId: NORTH.workspaceId,
          workspaceId: NORTH.workspaceId,
          name: NORTH.name,
          status: 'accepted',
          addedAt: '',
        },
      ],
      syncedAt: 1,
    });
    await actingAs.set(ACME);
    const record = recorder(OWN);
    const stranger = '019ffad2-5cb9-7412-a999-000000000000';
    const calls = [
      call({}, { 'x-as-workspace': ACME.workspaceId }),
      call({}, { 'x-as-workspace': NORTH.workspaceId }),
      call(),
      call({}, { 'x-as-workspace': stranger }),
    ];
    for (const c of calls) record.sent(c);
    record.ended({ requestId: calls[0]!.requestId, statusCode: 200 });
    record.ended({ requestId: calls[2]!.requestId, error: 'net::ERR_FAILED' });
    await record.flush();
    const list = await recentCalls.get();
    expect(list.map((c) => [c.as, c.status])).toEqual([
      [stranger, null],
      [null, 'failed'],
      [NORTH.name, null],
      [ACME.name, 200],
    ]);
    // A status that arrives after the call was written fills it in.
    record.ended({ requestId: calls[1]!.requestId, statusCode: 403 });
    await record.flush();
    expect((await recentCalls.get()).find((c) => c.id === calls[1]!.requestId)?.status).toBe(403);
  });

  it('keeps the latest 50, newest first', async () => {
    const record = recorder(OWN);
    for (let i = 0; i < RECENT_CALLS_KEPT + 10; i++) record.sent(call());
    await record.flush();
    const list = await recentCalls.get();
    expect(list).toHaveLength(RECENT_CALLS_KEPT);
    expect(list[0]!.at).toBeGreaterThan(list.at(-1)!.at);
    expect(list[0]!.id).toBe(String(nextId - 1));
  });

  it('writes a burst of calls once, a moment after it starts, not once per call', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const writes: unknown[] = [];
    fakeBrowser.storage.session.onChanged.addListener((changes) => 'recentCalls' in changes && writes.push(changes));
    const record = recorder(OWN);
    for (let i = 0; i < 40; i++) {
      const c = call();
      record.sent(c);
      record.ended({ requestId: c.requestId, statusCode: 200 });
    }
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(WRITE_EVERY_MS);
    await record.flush();
    expect(writes).toHaveLength(1);
    expect(await recentCalls.get()).toHaveLength(40);
    // The end of a request that was never listed (the extension's own) is no reason to write.
    record.ended({ requestId: 'own-call', statusCode: 200 });
    await vi.advanceTimersByTimeAsync(WRITE_EVERY_MS * 2);
    await record.flush();
    expect(writes).toHaveLength(1);
  });

  it('names the Unstructured workspace whose key went out, and never keeps the key', async () => {
    await unstructuredWorkspaces.set([
      {
        id: 'u1',
        name: 'Research sandbox',
        apiBase: 'https://platform.unstructuredapp.io',
        keyHint: '…6789',
        remembered: false,
        addedAt: 0,
      },
    ]);
    await unstructuredKey('u1').set('unstructured-key-0123456789', false);
    const record = recorder(OWN);
    const url = 'https://platform.unstructuredapp.io/api/v1/workflows/';
    record.sent(
      call({
        url,
        initiator: 'https://platform.unstructuredapp.io',
        requestHeaders: [{ name: 'unstructured-api-key', value: 'unstructured-key-0123456789' }],
      }),
    );
    record.sent(
      call({
        url,
        initiator: 'https://platform.unstructuredapp.io',
        requestHeaders: [{ name: 'unstructured-api-key', value: 'a-key-of-the-page' }],
      }),
    );
    await record.flush();
    const list = await recentCalls.get();
    expect(list.map((c) => [c.api, c.as])).toEqual([
      ['unstructured', null],
      ['unstructured', 'Research sandbox'],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/unstructured-key-0123456789|a-key-of-the-page/);
  });

  it('marks a relayed call with the workspace the tab was meant to act as', async () => {
    await actingAs.set(ACME);
    await tabActing.set({ '8': NORTH, '9': null });
    const record = recorder(OWN);
    const relayed = (tabId: number) =>
      call({
        url: 'https://developer.instantly.ai/_mintlify/api/request',
        method: 'POST',
        initiator: 'https://developer.instantly.ai',
        tabId,
      });
    record.sent(relayed(7)); // follows the everywhere choice
    record.sent(relayed(8)); // acts as Northwind in this tab
    record.sent(relayed(9)); // the admin workspace in this tab: nothing was meant that it missed
    await record.flush();
    const list = await recentCalls.get();
    expect(list.map((c) => [c.api, c.as, c.meant])).toEqual([
      ['relayed', null, undefined],
      ['relayed', null, NORTH.name],
      ['relayed', null, ACME.name],
    ]);
  });
});

describe('a hostile page filling Recent API calls', () => {
  it('60 calls with 90 kB paths from a sandboxed iframe: a capped list, each call marked as from an unknown site', async () => {
    await actingAs.set(ACME);
    const record = recorder(OWN);
    const long = `/api/v2/${'a'.repeat(90_000)}`;
    for (let i = 0; i < 60; i++)
      record.sent(call({ initiator: 'null', url: `https://api.instantly.ai${long}`, method: 'GET' }));
    await record.flush();
    const list = await recentCalls.get();
    expect(JSON.stringify(list).length).toBeLessThanOrEqual(RECENT_CALLS_BYTES);
    expect(list.length).toBeGreaterThan(0);
    for (const c of list) {
      expect(c.path.length).toBeLessThanOrEqual(RECENT_CALL_PATH_KEPT);
      expect(c.unknownSite).toBe(true);
      expect(c.as).toBeNull();
    }
  });

  it('a site never allowed cannot forge a row as a workspace, nor a relayed call', async () => {
    await actingAs.set(ACME);
    const record = recorder(OWN);
    const never = 'https://never-allowed.example';
    record.sent(call({ initiator: never }, { 'x-as-workspace': ACME.workspaceId }));
    record.sent(
      call({ initiator: never, url: 'https://developer.instantly.ai/_mintlify/api/request', method: 'POST' }),
    );
    record.sent(call({ initiator: 'https://app.instantly.ai' }, { 'x-as-workspace': 'x'.repeat(5_000) }));
    await record.flush();
    const [garbage, relay, forged] = await recentCalls.get();
    expect(forged).toMatchObject({ site: 'never-allowed.example', as: null, unknownSite: true });
    expect(relay).toMatchObject({ api: 'relayed', unknownSite: true });
    expect(relay?.meant).toBeUndefined(); // no "relayed through its own server" notice
    expect(garbage?.as).toBe('an unrecognised workspace id');
    expect(garbage?.unknownSite).toBeUndefined();
  });
});
