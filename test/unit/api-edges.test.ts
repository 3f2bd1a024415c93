// What the user sees when Instantly answers in ways its OpenAPI document does not promise: rows
// the extension cannot read, lists that never end. The fake API is real; its answers are
// altered on the way in (the `fetch` the client is given), as a misbehaving server would send them.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { actAs } from '@/lib/background/capabilities/act-as';
import { saveKey } from '@/lib/background/capabilities/connect';
import { syncGroup } from '@/lib/background/capabilities/group/group-sync';
import {
  instantlyClient,
  MAX_MEMBERSHIPS,
  PAGE_INTERVAL_MS,
  type ClientFactory,
} from '@/lib/providers/instantly/client';
import { dropStorageCaches } from '@/lib/common/stored-item';
import { actingAs, group, groupHead, notices } from '@/lib/common/storage';
import { useFakeApi } from './fake-api-harness';
import { urlOf } from './fetch-input';

type Page = { items: Record<string, unknown>[]; next_starting_after?: unknown };

/** A client whose list pages pass through `alter` (the n-th page, from 1). */
function alteredClient(
  baseUrl: string,
  alter: (page: Page, n: number) => Page,
  options: { pageIntervalMs?: number; url?: (url: string) => string } = {},
): ClientFactory {
  return (apiKey) => {
    let n = 0;
    const doFetch: typeof fetch = async (input, init) => {
      const response = await fetch(options.url ? options.url(urlOf(input)) : input, init);
      if (!urlOf(input).includes('/api/v2/workspace-group-members?')) return response;
      const page = alter((await response.json()) as Page, ++n);
      return new Response(JSON.stringify(page), { status: response.status, headers: response.headers });
    };
    return instantlyClient({
      apiKey,
      baseUrl,
      fetch: doFetch,
      retry: { attempts: 2, baseMs: 1, maxMs: 2 },
      pageIntervalMs: options.pageIntervalMs ?? 0,
    });
  };
}

const texts = async () => (await notices.get()).map((n) => n.text);

describe('rows Instantly sends that the extension cannot read', () => {
  const ctx = useFakeApi({ subWorkspaces: 12 });

  it('a membership with a status added later and one without a workspace id: every other row is shown, and the user is told', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const [invited, later] = ctx.seeded.subs.filter((s) => s.status === 'pending');
    const noId = ctx.seeded.subs.find((s) => s.status === 'rejected');
    const odd = alteredClient(ctx.api.url, (page) => ({
      ...page,
      items: page.items.map((row) =>
        row.sub_workspace_id === invited!.id
          ? { ...row, status: 'invited' }
          : row.sub_workspace_id === noId!.id
            ? { ...row, sub_workspace_id: null }
            : row,
      ),
    }));
    await ctx.control.accept(later!.membershipId);
    expect(await syncGroup(odd)).toEqual({ ok: true });
    const { members, error } = await group.get();
    expect(error).toBeUndefined();
    expect(members).toHaveLength(10);
    expect(members.some((m) => m.workspaceId === invited!.id || m.workspaceId === noId!.id)).toBe(false);
    const told = await texts();
    expect(told).toContainEqual(
      expect.stringMatching(
        /^Instantly sent 2 memberships this extension cannot read; they are not shown \(.*status “invited”.*\)\.$/,
      ),
    );
    // The accepted invitation is still noticed.
    expect(told).toContainEqual(expect.stringContaining('accepted your invitation'));
  });

  it('the same unreadable rows at the next sync are not told again', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const sub = ctx.seeded.subs[0]!;
    const odd = alteredClient(ctx.api.url, (page) => ({
      ...page,
      items: page.items.map((row) => (row.sub_workspace_id === sub.id ? { ...row, status: 'invited' } : row)),
    }));
    await syncGroup(odd);
    await syncGroup(odd);
    expect((await texts()).filter((t) => t.includes('cannot read'))).toEqual([
      `Instantly sent 1 membership this extension cannot read; it is not shown (${sub.name!}: status “invited”).`,
    ]);
  });

  it('a workspace acted as whose row can no longer be read is not acted as any more, and the user is told why', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    await actAs(sub.id);
    const odd = alteredClient(ctx.api.url, (page) => ({
      ...page,
      items: page.items.map((row) => (row.sub_workspace_id === sub.id ? { ...row, status: 'suspended' } : row)),
    }));
    expect(await syncGroup(odd)).toEqual({ ok: true });
    expect(await actingAs.get()).toBeNull();
    expect(await texts()).toContainEqual(
      expect.stringMatching(new RegExp(`^Stopped acting as ${sub.name}: Instantly now sends its membership in a form`)),
    );
  });

  it('a page that is not a list at all fails the sync and keeps the last good group', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const broken = alteredClient(ctx.api.url, () => ({ items: 'nope' }) as unknown as Page);
    expect(await syncGroup(broken)).toEqual({ ok: false, error: expect.stringMatching(/does not understand/) });
    expect((await group.get()).members).toHaveLength(12);
  });
});

describe('lists that never end', () => {
  const ctx = useFakeApi({ subWorkspaces: 250 });

  it('a cursor that never ends but repeats the same rows: the listing stops at the second page, says so, and keeps the group', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    await ctx.control.clearRequests();
    // As reported: every page carries a new cursor, and the server answers it with the first page again.
    let n = 0;
    const endless = alteredClient(ctx.api.url, (page) => ({ ...page, next_starting_after: `fresh-${++n}` }), {
      url: (url) => url.replace(/&starting_after=fresh-\d+/, ''),
    });
    const reply = await syncGroup(endless);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/kept sending pages .* no new sub workspaces/) });
    const listed = (await ctx.control.requests({ path: '/api/v2/workspace-group-members' })).filter(
      (r) => r.query.limit,
    );
    expect(listed).toHaveLength(2);
    expect((await group.get()).members).toHaveLength(250);
    expect(await group.get()).toMatchObject({ error: reply.ok ? '' : reply.error, remedy: 'retry' });
  });

  it('a cursor that hands out new rows for ever stops at the cap, and a later sync runs afresh', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    let listed = 0;
    const endless: ClientFactory = (apiKey) => {
      let n = 0;
      const doFetch: typeof fetch = async (input, init) => {
        const url = urlOf(input);
        if (!url.includes('/api/v2/workspace-group-members?')) return fetch(input, init);
        // One new row a page: the page cap, not the row cap, ends it (and the test stays quick).
        n++;
        listed++;
        return Response.json({ items: [row(n)], next_starting_after: `cursor-${n}` });
      };
      return instantlyClient({ apiKey, baseUrl: ctx.api.url, fetch: doFetch, pageIntervalMs: 0 });
    };
    const reply = await syncGroup(endless);
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(
        /more than a group of 100,000 sub workspaces needs, so the extension stopped asking after 1,001 pages/,
      ),
    });
    expect(listed).toBe(1001);
    expect((await group.get()).members).toHaveLength(250);
    // The lock is released: the next sync is a sync of its own, not the stuck one.
    expect(await syncGroup(ctx.makeClient)).toEqual({ ok: true });
    expect((await group.get()).error).toBeUndefined();
  }, 30_000);

  it('paces a listing at no more than 40 pages a second (well under Instantly’s 100/s), so the 10 waits between a 1,000-member group’s 11 pages add up to under half a second (npm run bench times the listing itself)', async () => {
    expect(1000 / PAGE_INTERVAL_MS).toBeLessThanOrEqual(40);
    // 10 pages of 100 and the empty page that ends them.
    expect(10 * PAGE_INTERVAL_MS).toBeLessThan(1000 - 500);
    expect(MAX_MEMBERSHIPS).toBe(100_000);
  });
});

function row(i: number) {
  const hex = i.toString(16).padStart(12, '0');
  return {
    id: `019ffad2-0000-7000-8000-${hex}`,
    admin_workspace_id: '019ffad2-0000-7000-8000-aaaaaaaaaaaa',
    sub_workspace_id: `019ffad2-1111-7000-8000-${hex}`,
    status: 'accepted',
    timestamp_created: '2026-01-01T00:00:00.000Z',
    timestamp_updated: '2026-01-01T00:00:00.000Z',
    sub_workspace_name: `Client ${i}`,
  };
}

describe('a group the browser cannot store', () => {
  const ctx = useFakeApi({ subWorkspaces: 12 });

  it('the sync says so plainly and the last stored group stays whole (list and head together)', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    await ctx.control.accept(ctx.seeded.subs.find((s) => s.status === 'pending')!.membershipId);
    const before = { group: await group.get(), head: await groupHead.get() };
    // storage.local refuses a write past its quota (10 MB without unlimitedStorage), the whole call.
    // The promise form the extension calls (spyOn would type the last overload, the callback one).
    const local = fakeBrowser.storage.local as { set: (items: Record<string, unknown>) => Promise<void> };
    const set = vi.spyOn(local, 'set').mockImplementation(async (items) => {
      if ('group' in items) throw new Error('QUOTA_BYTES quota exceeded');
    });
    const reply = await syncGroup(ctx.makeClient);
    set.mockRestore();
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(/^The browser would not store the refreshed group .*QUOTA_BYTES quota exceeded/),
    });
    dropStorageCaches();
    expect((await group.get()).members).toEqual(before.group.members);
    expect((await groupHead.get()).counts).toEqual(before.head.counts);
  });
});
