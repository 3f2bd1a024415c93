// Fuzzed answers from Instantly: wrong types, statuses it may add later, ids repeated across
// pages, HTML with 200 and 500, cursors that repeat or never end, huge groups. Whatever comes,
// a sync never rejects, says what happened in a plain sentence, and a failed sync keeps the
// last good group. No HTTP here: the client is given a fetch that plays the scenario.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { syncGroup } from '@/lib/background/capabilities/group/group-sync';
import { instantlyKey } from '@/lib/background/worker/secrets';
import { instantlyClient, type ClientFactory } from '@/lib/providers/instantly/client';
import { readMemberPage, WorkspaceGroupMember } from '@/lib/providers/instantly/schemas';
import { Member, type Group } from '@/lib/common/model';
import { dropStorageCaches } from '@/lib/common/stored-item';
import { group } from '@/lib/common/storage';
import { urlOf } from './fetch-input';
import { account } from './one-account';

const ADMIN = '019ffad2-0000-7000-8000-00000000a000';
const uuid = (n: number) => `019ffad2-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

const goodRow = (n: number, status = 'accepted') => ({
  id: uuid(n),
  admin_workspace_id: ADMIN,
  sub_workspace_id: uuid(0x100000 + n),
  status,
  timestamp_created: '2026-01-01T00:00:00.000Z',
  timestamp_updated: '2026-01-01T00:00:00.000Z',
  sub_workspace_name: `Client ${n}`,
});

/** A row as a server might send it: valid, or with one field broken in some way. */
const row = fc.oneof(
  { weight: 5, arbitrary: fc.nat(400).map((n) => goodRow(n)) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.nat(400), fc.string({ maxLength: 12 })).map(([n, status]) => goodRow(n, status)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.nat(400),
        fc.constantFrom(
          'id',
          'sub_workspace_id',
          'status',
          'timestamp_created',
          'admin_workspace_id',
          'sub_workspace_name',
        ),
        fc.anything(),
      )
      .map(([n, field, value]) => ({ ...goodRow(n), [field]: value })),
  },
  { weight: 1, arbitrary: fc.anything() },
);

const cursor = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.constant('same'),
  fc.integer(),
);

/** One answer to a list request. */
const answer = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('page' as const), items: fc.array(row, { maxLength: 12 }), next: cursor }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('html' as const), status: fc.constantFrom(200, 500, 502, 503) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('json' as const),
      status: fc.constantFrom(200, 400, 401, 403, 404, 429, 500),
      body: fc.anything(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('dead' as const), how: fc.constantFrom('timeout', 'network') }),
  },
);

/**
 * After the scripted answers: an empty last page, or a cursor that never ends (same rows, or new
 * ones). New rows for ever cost 1,001 requests before the cap ends them (about 90 ms here), so
 * they are drawn rarely; api-edges.test.ts checks that case in full.
 */
const ending = fc.oneof(
  { weight: 12, arbitrary: fc.constant('empty' as const) },
  { weight: 6, arbitrary: fc.constant('endless-same' as const) },
  { weight: 1, arbitrary: fc.constant('endless-new' as const) },
);

const scenario = fc.record({ answers: fc.array(answer, { minLength: 1, maxLength: 6 }), ending });
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function play(s: Scenario): typeof fetch {
  let i = 0;
  let endless = 0;
  return async (input) => {
    const url = urlOf(input);
    if (url.endsWith('/api/v2/workspaces/current'))
      return Response.json({
        id: ADMIN,
        name: 'Agency',
        owner: uuid(1),
        timestamp_created: 'x',
        timestamp_updated: 'x',
      });
    if (url.endsWith('/api/v2/workspace-group-members/admin'))
      return Response.json({ workspace_name: 'Undefined', has_admin_workspace: false });
    const a = s.answers[i++];
    if (!a) {
      if (s.ending === 'empty') return Response.json({ items: [] });
      endless++;
      const items = s.ending === 'endless-same' ? [goodRow(1)] : [goodRow(1000 + endless)];
      return Response.json({ items, next_starting_after: `endless-${endless}` });
    }
    switch (a.kind) {
      case 'page':
        return Response.json(
          a.next === undefined ? { items: a.items } : { items: a.items, next_starting_after: a.next },
        );
      case 'html':
        return new Response('<!doctype html><html><body><h1>Bad gateway</h1></body></html>', {
          status: a.status,
          headers: { 'content-type': 'text/html' },
        });
      case 'json':
        return new Response(JSON.stringify(a.body ?? null), { status: a.status });
      case 'dead':
        throw a.how === 'timeout' ? new DOMException('timed out', 'TimeoutError') : new TypeError('fetch failed');
    }
  };
}

const clientFor =
  (s: Scenario): ClientFactory =>
  (apiKey) =>
    instantlyClient({
      apiKey,
      baseUrl: 'https://api.instantly.test',
      fetch: play(s),
      pageIntervalMs: 0,
      retry: { attempts: 2, baseMs: 0, maxMs: 0 },
      sleep: async () => {},
    });

const LAST_GOOD: Group = {
  members: [0, 1, 2].map((n) => ({
    membershipId: uuid(9000 + n),
    workspaceId: uuid(9100 + n),
    name: `Kept ${n}`,
    status: 'accepted',
    addedAt: 'x',
  })),
  syncedAt: 1,
};

/** A sentence a person reads: no programmer's leftovers. */
const plain = (text: string) => text.length > 10 && !/undefined|\[object|NaN|null|Error:|at \w+ \(/.test(text);

async function connectedWithLastGoodGroup() {
  fakeBrowser.reset();
  dropStorageCaches();
  await instantlyKey(ADMIN).set('key', false);
  await account.set({ workspaceId: ADMIN, workspaceName: 'Agency', kind: 'admin', remembered: false, checkedAt: 0 });
  await group.set(LAST_GOOD);
}

// Thousands of cases: generous on a shared, busy machine.
const FUZZ = { timeout: 120_000 };

describe('fuzzed list answers', FUZZ, () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => void process.on('unhandledRejection', onUnhandled));
  afterAll(() => void process.off('unhandledRejection', onUnhandled));

  it('a page is read row by row: every row that fits the schema is kept, every other is counted, nothing throws', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), cursor, (items, next) => {
        const page = readMemberPage({ items, next_starting_after: next });
        if (next !== undefined && next !== null && typeof next !== 'string') {
          expect(page).toBeNull();
          return;
        }
        const good = items.filter((r) => WorkspaceGroupMember.safeParse(r).success);
        expect(page!.items).toHaveLength(good.length);
        expect(page!.unreadable).toHaveLength(items.length - good.length);
        for (const bad of page!.unreadable) expect(bad.problem).toMatch(/^[a-z]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('a sync never rejects, says what happened plainly, and a failure keeps the last good group', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await connectedWithLastGoodGroup();
        const reply = await syncGroup(clientFor(s));
        const stored = await group.get();
        if (!reply.ok) {
          expect(plain(reply.error)).toBe(true);
          expect(stored.members).toEqual(LAST_GOOD.members);
          expect(stored.error).toBe(reply.error);
          return;
        }
        expect(stored.error).toBeUndefined();
        // Each membership once, every one a valid member; none of an unknown status acted as.
        expect(new Set(stored.members.map((m) => m.membershipId)).size).toBe(stored.members.length);
        for (const m of stored.members) expect(Member.safeParse(m).success).toBe(true);
        for (const text of stored.unreadable ?? []) expect(plain(text)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(unhandled).toEqual([]);
  }, 120_000);

  it('a group of 100,000 is listed in full', async () => {
    await connectedWithLastGoodGroup();
    let page = 0;
    const big: ClientFactory = (apiKey) =>
      instantlyClient({
        apiKey,
        baseUrl: 'https://api.instantly.test',
        pageIntervalMs: 0,
        fetch: async (input) => {
          const url = urlOf(input);
          if (url.endsWith('/workspaces/current'))
            return Response.json({
              id: ADMIN,
              name: 'Agency',
              owner: uuid(1),
              timestamp_created: 'x',
              timestamp_updated: 'x',
            });
          if (url.endsWith('/admin')) return Response.json({ workspace_name: 'Undefined', has_admin_workspace: false });
          if (page === 1000) return Response.json({ items: [] });
          const items = Array.from({ length: 100 }, (_, i) => goodRow(page * 100 + i));
          page++;
          return Response.json({ items, next_starting_after: uuid(page * 100 - 1) });
        },
      });
    expect(await syncGroup(big)).toEqual({ ok: true });
    expect((await group.get()).members).toHaveLength(100_000);
  }, 60_000);
});
