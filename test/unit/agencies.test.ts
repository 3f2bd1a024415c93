// Several agencies: the single-key layout carried over at start-up, keys added and replaced,
// one agency forgotten without touching another, and each agency synced with its own key.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { actAs } from '@/lib/background/capabilities/act-as';
import { forgetKey, rememberKey, saveKey } from '@/lib/background/capabilities/connect';
import { refreshGlance } from '@/lib/background/capabilities/glance';
import { glanceClient } from '@/lib/providers/instantly/glance-client';
import { pacer } from '@/lib/providers/pacer';
import { invite, remove } from '@/lib/background/capabilities/group/group-actions';
import { syncAccount, syncGroup } from '@/lib/background/capabilities/group/group-sync';
import { instantlyKey } from '@/lib/background/worker/secrets';
import { startUp } from '@/lib/background/start-up';
import { menuFor, menuStateFor } from '@/lib/background/projection/menu';
import { accounts, actingAs, glances, group, operations, tabActing } from '@/lib/common/storage';
import { dropStorageCaches } from '@/lib/common/stored-item';
import type { SeedResult } from '../fake-api';
import { useFakeApi } from './fake-api-harness';
import { headerValue, sharedDnr } from './fake-dnr';

/** A value the seed or the test made sure is there. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('expected a value');
  return value;
}

/** The everywhere rule that sets x-as-workspace, if any. */
const headerRule = () => sharedDnr.dynamic().find((r) => r.action.requestHeaders[0]?.header === 'x-as-workspace');

const ADMIN = '019ffad2-0000-7000-8000-000000000001';
const SUB = (n: number) => `019ffad2-0000-7000-8000-${String(100 + n).padStart(12, '0')}`;
const MEMBERSHIP = (n: number) => `019ffad2-0000-7000-8000-${String(500 + n).padStart(12, '0')}`;

/** What version 1 of the extension stored: one account, one key, untagged rows. */
async function writeSingleKeyLayout(remembered: boolean) {
  const members = [1, 2, 3].map((n) => ({
    membershipId: MEMBERSHIP(n),
    workspaceId: SUB(n),
    name: `Client ${n}`,
    status: 'accepted',
    addedAt: '2026-01-01',
  }));
  await fakeBrowser.storage.local.set({
    account: { workspaceId: ADMIN, workspaceName: 'Northstar', kind: 'admin', remembered, checkedAt: 5 },
    group: { members, syncedAt: 7 },
    groupHead: { members, syncedAt: 7, total: 3, counts: { accepted: 3, pending: 0, rejected: 0 } },
    actingAs: { workspaceId: SUB(2), name: 'Client 2' },
    operations: [
      {
        id: 'op1',
        kind: 'remove',
        membershipId: MEMBERSHIP(3),
        workspaceId: SUB(3),
        label: 'Client 3',
        at: 1,
        state: 'unknown',
        cause: 'no-answer',
      },
    ],
    operations$: { v: 2 },
  });
  await (remembered ? fakeBrowser.storage.local : fakeBrowser.storage.session).set({
    'secret:instantly': 'old-single-key',
  });
  dropStorageCaches();
}

describe('updating from the single-key layout', () => {
  it.each([
    ['kept until the browser closes', false],
    ['remembered', true],
  ])(
    'a key %s stays where it was, with its choice, its group, its act-as choice and its journal',
    async (_label, remembered) => {
      await writeSingleKeyLayout(remembered);
      await startUp();
      expect(await accounts.get()).toEqual([
        expect.objectContaining({ workspaceId: ADMIN, workspaceName: 'Northstar', kind: 'admin', remembered }),
      ]);
      const [kept, other] = remembered
        ? [fakeBrowser.storage.local, fakeBrowser.storage.session]
        : [fakeBrowser.storage.session, fakeBrowser.storage.local];
      expect(await kept.get()).toMatchObject({ [`secret:instantly:${ADMIN}`]: 'old-single-key' });
      expect(Object.keys(await kept.get())).not.toContain('secret:instantly');
      expect(JSON.stringify(await other.get())).not.toContain('old-single-key');
      expect(await instantlyKey(ADMIN).get()).toBe('old-single-key');
      const { members } = await group.get();
      expect(members.map((m) => [m.workspaceId, m.adminId])).toEqual([1, 2, 3].map((n) => [SUB(n), ADMIN]));
      expect(await actingAs.get()).toEqual({ workspaceId: SUB(2), name: 'Client 2' });
      expect(await operations.get()).toEqual([
        expect.objectContaining({ id: 'op1', accountId: ADMIN, state: 'unknown' }),
      ]);
      // The rule follows the kept choice.
      expect(headerValue(headerRule())).toBe(SUB(2));
      expect(await fakeBrowser.storage.local.get('account$')).toEqual({ account$: { v: 2 } });
    },
  );

  it('a second start-up changes nothing more', async () => {
    await writeSingleKeyLayout(false);
    await startUp();
    const once = { local: await fakeBrowser.storage.local.get(), session: await fakeBrowser.storage.session.get() };
    dropStorageCaches();
    await startUp();
    expect({ local: await fakeBrowser.storage.local.get(), session: await fakeBrowser.storage.session.get() }).toEqual(
      once,
    );
  });
});

describe('several agencies', () => {
  const ctx = useFakeApi({ subWorkspaces: 6, secondAgency: 4 });
  const north = () => ctx.seeded.secondAgency as NonNullable<SeedResult['secondAgency']>;
  const accepted = (subs: SeedResult['subs']) => subs.filter((s) => s.status === 'accepted');

  async function connectBoth() {
    expect(await saveKey(ctx.seeded.adminKey, false, ctx.makeClient)).toEqual({ ok: true });
    expect(await saveKey(north().adminKey, true, ctx.makeClient)).toEqual({ ok: true });
  }

  it('saving a second key adds its workspace; both groups are in one list, each row tagged with its agency', async () => {
    await connectBoth();
    expect((await accounts.get()).map((a) => [a.workspaceName, a.kind, a.remembered])).toEqual([
      [ctx.seeded.admin.name, 'admin', false],
      [north().admin.name, 'admin', true],
    ]);
    expect(await instantlyKey(ctx.seeded.admin.id).get()).toBe(ctx.seeded.adminKey);
    expect(await instantlyKey(north().admin.id).get()).toBe(north().adminKey);
    // Each key in its own area: the first only for the session, the second remembered.
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain(ctx.seeded.adminKey);
    expect(JSON.stringify(await fakeBrowser.storage.session.get())).not.toContain(north().adminKey);
    const { members } = await group.get();
    expect(members.map((m) => [m.workspaceId, m.adminId])).toEqual([
      ...ctx.seeded.subs.map((s) => [s.id, ctx.seeded.admin.id]),
      ...north().subs.map((s) => [s.id, north().admin.id]),
    ]);
  });

  it('a key for a workspace already connected replaces its key and its Remember choice, nothing else', async () => {
    await connectBoth();
    await actAs(must(north().subs[0]).id);
    expect(await saveKey(ctx.seeded.adminColleagueKey, true, ctx.makeClient)).toEqual({ ok: true });
    expect((await accounts.get()).map((a) => [a.workspaceId, a.remembered])).toEqual([
      [ctx.seeded.admin.id, true],
      [north().admin.id, true],
    ]);
    expect(await instantlyKey(ctx.seeded.admin.id).get()).toBe(ctx.seeded.adminColleagueKey);
    expect(JSON.stringify(await fakeBrowser.storage.session.get())).not.toContain(ctx.seeded.adminColleagueKey);
    expect(await actingAs.get()).toMatchObject({ workspaceId: must(north().subs[0]).id });
    expect((await group.get()).members).toHaveLength(ctx.seeded.subs.length + north().subs.length);
  });

  it('forgetting one agency removes exactly its state: key, rows, choices everywhere and per tab, journal, glance figures', async () => {
    await connectBoth();
    const mine = accepted(north().subs);
    const theirs = accepted(ctx.seeded.subs);
    await actAs(must(mine[0]).id);
    await actAs(must(theirs[0]).id, 7);
    await actAs(must(mine[1]).id, 8);
    await operations.set([
      {
        id: 'a',
        kind: 'remove',
        membershipId: must(theirs[1]).membershipId,
        label: 'x',
        at: 1,
        state: 'unknown',
        accountId: ctx.seeded.admin.id,
      },
      {
        id: 'b',
        kind: 'remove',
        membershipId: must(mine[1]).membershipId,
        label: 'y',
        at: 1,
        state: 'unknown',
        accountId: north().admin.id,
      },
    ]);
    await glances.set({
      [must(theirs[0]).id]: { fetchedAt: 1, unread: 3 },
      [must(mine[0]).id]: { fetchedAt: 1, unread: 4 },
    });

    expect(await forgetKey(north().admin.id)).toEqual({ ok: true });

    expect((await accounts.get()).map((a) => a.workspaceId)).toEqual([ctx.seeded.admin.id]);
    expect(await instantlyKey(north().admin.id).get()).toBeNull();
    expect(
      JSON.stringify({ l: await fakeBrowser.storage.local.get(), s: await fakeBrowser.storage.session.get() }),
    ).not.toContain(north().adminKey);
    expect(await instantlyKey(ctx.seeded.admin.id).get()).toBe(ctx.seeded.adminKey);
    expect((await group.get()).members.map((m) => m.workspaceId)).toEqual(ctx.seeded.subs.map((s) => s.id));
    expect(await actingAs.get()).toBeNull();
    expect(await tabActing.get()).toEqual({ '7': expect.objectContaining({ workspaceId: must(theirs[0]).id }) });
    expect((await operations.get()).map((op) => op.id)).toEqual(['a']);
    expect(Object.keys(await glances.get())).toEqual([must(theirs[0]).id]);
    // Its rules go: no everywhere header any more; the other agency's tab rule stays.
    expect(headerRule()).toBeUndefined();
    expect(sharedDnr.session().map((r) => r.condition.tabIds)).toEqual([[7]]);
    // Its menu entries go.
    const ids = menuFor(menuStateFor(await accounts.get(), (await group.get()).members, null, {}, null)).map(
      (item) => item.id,
    );
    for (const sub of north().subs) expect(ids).not.toContain(`act-as:${sub.id}`);
    expect(ids).toContain(`act-as:${must(theirs[0]).id}`);
  });

  it('forgetting needs to know which when several are connected', async () => {
    await connectBoth();
    expect(await forgetKey()).toMatchObject({ ok: false });
    expect(await accounts.get()).toHaveLength(2);
  });

  it('a sync of one agency does not touch the other’s rows', async () => {
    await connectBoth();
    const now = await group.get();
    // A mark only this test puts on the second agency's rows: a rewrite would lose it.
    await group.set({
      ...now,
      members: now.members.map((m) => (m.adminId === north().admin.id ? { ...m, name: `kept ${m.name}` } : m)),
    });
    await ctx.control.setWorkspace(must(ctx.seeded.subs[0]).id, { name: 'Renamed at Instantly' });
    expect(await syncAccount(ctx.seeded.admin.id, ctx.makeClient)).toEqual({ ok: true });
    const { members } = await group.get();
    expect(members.find((m) => m.workspaceId === must(ctx.seeded.subs[0]).id)?.name).toBe('Renamed at Instantly');
    expect(members.filter((m) => m.adminId === north().admin.id).map((m) => m.name)).toEqual(
      north().subs.map((s) => `kept ${s.name}`),
    );
  });

  it('a refresh of every agency stores what both listings brought in one write of the group', async () => {
    await connectBoth();
    await ctx.control.setWorkspace(must(ctx.seeded.subs[0]).id, { name: 'Renamed at Instantly' });
    await ctx.control.setWorkspace(must(north().subs[0]).id, { name: 'Renamed in the north' });
    const writes: number[] = [];
    const stop = group.watch((value) => writes.push(value.members.length));
    expect(await syncGroup(ctx.makeClient)).toEqual({ ok: true });
    stop();
    // Each store writes the whole group: two agencies stored apart would cost two such writes.
    expect(writes).toEqual([ctx.seeded.subs.length + north().subs.length]);
    const names = (await group.get()).members.map((m) => m.name);
    expect(names).toContain('Renamed at Instantly');
    expect(names).toContain('Renamed in the north');
  });

  it('one agency’s failure is said with its name, and the other’s success does not hide it', async () => {
    await connectBoth();
    await ctx.control.revokeKey(north().adminKey);
    const reply = await syncGroup(ctx.makeClient);
    expect(reply).toEqual({ ok: false, error: expect.stringContaining(`${north().admin.name}:`) });
    const stored = await group.get();
    expect(stored.error).toMatch(new RegExp(`^${north().admin.name}: `));
    expect(stored.error).not.toContain(ctx.seeded.admin.name);
    expect(stored.remedy).toBe('new-key');
    // The failing agency's rows stay as last known.
    expect(stored.members.filter((m) => m.adminId === north().admin.id)).toHaveLength(north().subs.length);
    expect(await syncAccount(ctx.seeded.admin.id, ctx.makeClient)).toEqual({ ok: true });
    expect((await group.get()).error).toMatch(new RegExp(`^${north().admin.name}: `));
  });

  it('invite asks which agency when there are several, and goes out with that agency’s key; remove uses the row’s agency', async () => {
    await connectBoth();
    const target = must(ctx.seeded.invitable[0]);
    expect(await invite(target.id, ctx.makeClient)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Choose the agency/),
    });
    await ctx.control.clearRequests();
    expect(await invite(target.id, ctx.makeClient, north().admin.id)).toMatchObject({ ok: true });
    const [sent] = await ctx.control.requests({ method: 'POST' });
    expect(sent?.headers.authorization).toBe(`Bearer ${north().adminKey}`);
    const row = (await group.get()).members.find((m) => m.workspaceId === target.id);
    expect(row?.adminId).toBe(north().admin.id);
    await ctx.control.clearRequests();
    expect(await remove(must(row).membershipId, ctx.makeClient)).toEqual({ ok: true });
    const [deleted] = await ctx.control.requests({ method: 'DELETE' });
    expect(deleted?.headers.authorization).toBe(`Bearer ${north().adminKey}`);
  });

  it('each agency’s Remember choice is its own: its key moves between session and local storage, the other’s stays', async () => {
    await connectBoth();
    expect(await rememberKey(ctx.seeded.admin.id, true)).toEqual({ ok: true });
    expect(await rememberKey(north().admin.id, false)).toEqual({ ok: true });
    expect((await accounts.get()).map((a) => a.remembered)).toEqual([true, false]);
    expect(await fakeBrowser.storage.local.get()).toMatchObject({
      [`secret:instantly:${ctx.seeded.admin.id}`]: ctx.seeded.adminKey,
    });
    expect(await fakeBrowser.storage.session.get()).toMatchObject({
      [`secret:instantly:${north().admin.id}`]: north().adminKey,
    });
    expect(JSON.stringify(await fakeBrowser.storage.session.get())).not.toContain(ctx.seeded.adminKey);
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain(north().adminKey);
    expect(await fakeBrowser.storage.sync.get()).toEqual({});
  });

  it('the glance reads each sub workspace with its own agency’s key', async () => {
    await connectBoth();
    await ctx.control.clearRequests();
    const reply = await refreshGlance({
      makeClient: (apiKey) => glanceClient({ apiKey, baseUrl: ctx.api.url }),
      pacer: pacer({ limits: [{ count: 1_000, windowMs: 1_000 }] }),
    });
    expect(reply).toEqual({ ok: true });
    const calls = (await ctx.control.requests()).filter((r) => r.headers['x-as-workspace']);
    const keyOf = new Map<string, string>([
      ...ctx.seeded.subs.map((s): [string, string] => [s.id, ctx.seeded.adminKey]),
      ...north().subs.map((s): [string, string] => [s.id, north().adminKey]),
    ]);
    expect(new Set(calls.map((r) => r.headers['x-as-workspace']))).toEqual(
      new Set([...accepted(ctx.seeded.subs), ...accepted(north().subs)].map((s) => s.id)),
    );
    for (const call of calls)
      expect(call.headers.authorization).toBe(`Bearer ${keyOf.get(call.headers['x-as-workspace'] ?? '') ?? 'none'}`);
    expect(Object.keys(await glances.get())).toHaveLength(
      accepted(ctx.seeded.subs).length + accepted(north().subs).length,
    );
  });
});
