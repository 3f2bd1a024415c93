import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/providers/api-error';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { actAs, forgetTab } from '@/lib/background/capabilities/act-as';
import { forgetKey, saveKey } from '@/lib/background/capabilities/connect';
import { invite, leave, remove, settleInterrupted } from '@/lib/background/capabilities/group/group-actions';
import { KEY_GONE, syncGroup } from '@/lib/background/capabilities/group/group-sync';
import { begin, markInterrupted } from '@/lib/background/capabilities/group/operations';
import { cycle } from '@/lib/background/capabilities/cycle-shortcut';
import { menuFor, menuStateFor } from '@/lib/background/projection/menu';
import { accounts, actingAs, group, notices, operations, tabActing } from '@/lib/common/storage';
import { Request } from '@/lib/common/messages';
import { account, firstKey, storedKeyMaterial } from './one-account';
import { headerValue, sharedDnr } from './fake-dnr';
import { useFakeApi } from './fake-api-harness';

const headerRule = () => sharedDnr.dynamic().find((r) => r.action.requestHeaders[0]!.header === 'x-as-workspace');

describe('connecting a key', () => {
  const ctx = useFakeApi({ subWorkspaces: 12 });

  it('an admin key: the workspace, its kind, and the whole group are stored', async () => {
    expect(await saveKey(ctx.seeded.adminKey, false, ctx.makeClient)).toEqual({ ok: true });
    expect(await account.get()).toMatchObject({
      workspaceName: ctx.seeded.admin.name,
      kind: 'admin',
      remembered: false,
    });
    const { members } = await group.get();
    expect(members).toHaveLength(12);
    expect(members.map((m) => m.status)).toEqual(ctx.seeded.subs.map((s) => s.status));
  });

  it('a sub workspace key knows its admin', async () => {
    await saveKey(ctx.seeded.subKey, false, ctx.makeClient);
    expect(await account.get()).toMatchObject({ kind: 'sub', admin: { name: ctx.seeded.admin.name } });
  });

  it('a key in no group', async () => {
    await saveKey(ctx.seeded.loneKey, false, ctx.makeClient);
    expect(await account.get()).toMatchObject({ kind: 'standalone' });
  });

  it('the key lives in session storage unless remembered, and never in sync storage', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    expect(await fakeBrowser.storage.session.get()).toMatchObject({
      [`secret:instantly:${ctx.seeded.admin.id}`]: ctx.seeded.adminKey,
    });
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain(ctx.seeded.adminKey);
    await saveKey(ctx.seeded.adminKey, true, ctx.makeClient);
    expect(await fakeBrowser.storage.local.get()).toMatchObject({
      [`secret:instantly:${ctx.seeded.admin.id}`]: ctx.seeded.adminKey,
    });
    expect(JSON.stringify(await fakeBrowser.storage.session.get())).not.toContain(ctx.seeded.adminKey);
    expect(await fakeBrowser.storage.sync.get()).toEqual({});
  });

  it.each([
    ['a wrong key', 'wrong-key', /rejected this API key/],
    ['a revoked key', 'revoked', /has been revoked/],
    ['a workspace without a paid plan', 'unpaid', /no active paid Instantly plan/],
  ])('%s gets its own sentence and nothing is stored', async (_label, which, sentence) => {
    const key = which === 'revoked' ? ctx.seeded.revokedKey : which === 'unpaid' ? ctx.seeded.unpaidKey : which;
    const reply = await saveKey(key, true, ctx.makeClient);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(sentence) });
    expect(await storedKeyMaterial(key)).toEqual([]);
    expect(await account.get()).toBeNull();
  });

  it('no network: a plain sentence, nothing stored', async () => {
    await ctx.control.offline(true);
    try {
      expect(await saveKey(ctx.seeded.adminKey, false, ctx.makeClient)).toEqual({
        ok: false,
        error: expect.stringMatching(/Can’t reach Instantly/),
      });
    } finally {
      await ctx.control.offline(false);
    }
    expect(await storedKeyMaterial(ctx.seeded.adminKey)).toEqual([]);
  });

  it('the background refresh runs only while a key is connected', async () => {
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name).sort()).toEqual(['refresh-glance', 'refresh-group']);
    await forgetKey();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('a key not remembered is gone after the browser closed: the refresh says so plainly', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    await fakeBrowser.storage.session.clear();
    expect(await syncGroup(ctx.makeClient)).toEqual({ ok: false, error: KEY_GONE });
    expect(await group.get()).toMatchObject({ error: KEY_GONE, remedy: 'new-key' });
    expect((await group.get()).members).toHaveLength(12);
  });

  it('forgetting the key clears it and stops acting', async () => {
    await saveKey(ctx.seeded.adminKey, true, ctx.makeClient);
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    await actAs(sub.id);
    expect(headerRule()).toBeDefined();
    await forgetKey();
    expect(await storedKeyMaterial(ctx.seeded.adminKey)).toEqual([]);
    expect(await account.get()).toBeNull();
    expect(await actingAs.get()).toBeNull();
    expect(headerRule()).toBeUndefined();
  });
});

describe('acting as a sub workspace', () => {
  const ctx = useFakeApi({ subWorkspaces: 12 });
  beforeEach(async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
  });

  it('an accepted member: the rule and badge follow; stop acting removes them', async () => {
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    expect(await actAs(sub.id)).toEqual({ ok: true });
    expect(headerValue(headerRule())).toBe(sub.id);
    expect(await fakeBrowser.action.getBadgeText({})).not.toBe('');
    await actAs(null);
    expect(headerRule()).toBeUndefined();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('pending and rejected members cannot be acted as', async () => {
    for (const status of ['pending', 'rejected'] as const) {
      const sub = ctx.seeded.subs.find((s) => s.status === status)!;
      expect(await actAs(sub.id)).toEqual({ ok: false, error: expect.stringContaining(`invitation is ${status}`) });
    }
    expect(headerRule()).toBeUndefined();
  });

  it('a workspace invited again after a rejection is acted as through its accepted membership: popup, cycle and menu', async () => {
    const again = ctx.seeded.subs.find((s) => s.status === 'rejected')!;
    const { id: membershipId } = await ctx.makeClient(ctx.seeded.adminKey).invite(again.id);
    await ctx.control.accept(membershipId);
    await syncGroup(ctx.makeClient);
    const { members } = await group.get();
    expect(members.filter((m) => m.workspaceId === again.id).map((m) => m.status)).toEqual(['rejected', 'accepted']);

    // Act as (the popup's button sends the workspace id, in whatever case; the message is parsed).
    const sent = Request.parse({ type: 'actAs', workspaceId: again.id.toUpperCase() });
    expect(sent.type === 'actAs' && (await actAs(sent.workspaceId))).toEqual({ ok: true });
    expect(headerValue(headerRule())).toBe(again.id);
    await actAs(null);

    // The cycle reaches it once and moves on from it, round to the admin.
    const acceptedNow = ctx.seeded.subs.filter((s) => s.status === 'accepted').length + 1;
    const ring: (string | null)[] = [];
    for (let i = 0; i < acceptedNow + 1; i++) {
      expect(await cycle('next')).toEqual({ ok: true });
      ring.push((await actingAs.get())?.workspaceId ?? null);
    }
    expect(ring.at(-1)).toBeNull();
    expect(new Set(ring.slice(0, -1)).size).toBe(acceptedNow);
    expect(ring).toContain(again.id);

    // One menu item, so the menu is not refused for a duplicate id.
    const ids = menuFor(menuStateFor(await account.get(), members, null, {}, null)).map((item) => item.id);
    expect(ids.filter((id) => id === `act-as:${again.id}`)).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('this tab only: a session rule for the tab, gone when the tab closes', async () => {
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    await actAs(sub.id, 17);
    expect(sharedDnr.session().map((r) => r.condition.tabIds)).toEqual([[17]]);
    expect(headerRule()).toBeUndefined();
    await forgetTab(17);
    expect(sharedDnr.session()).toEqual([]);
    expect(await tabActing.get()).toEqual({});
  });

  it('an invitation accepted since the last sync joins the choices and the user is told', async () => {
    const pending = ctx.seeded.subs.find((s) => s.status === 'pending')!;
    await ctx.control.accept(pending.membershipId);
    await syncGroup(ctx.makeClient);
    expect((await group.get()).members.find((m) => m.workspaceId === pending.id)?.status).toBe('accepted');
    expect((await notices.get()).map((n) => n.text)).toEqual([expect.stringContaining('accepted your invitation')]);
    expect(await actAs(pending.id)).toEqual({ ok: true });
  });

  it('a workspace removed elsewhere while acted as: the rule is dropped and the user told why', async () => {
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    await actAs(sub.id);
    const removed = await ctx.makeClient(ctx.seeded.adminKey).deleteMember(sub.membershipId);
    expect(removed.id).toBe(sub.membershipId);
    await syncGroup(ctx.makeClient);
    expect(await actingAs.get()).toBeNull();
    expect(headerRule()).toBeUndefined();
    expect((await notices.get()).map((n) => n.text)).toEqual([
      expect.stringMatching(/Stopped acting as .*no longer an accepted sub workspace/),
    ]);
  });

  it('a stored key revoked since: the refresh says so and keeps the last known group', async () => {
    await ctx.control.revokeKey(ctx.seeded.adminKey);
    const reply = await syncGroup(ctx.makeClient);
    expect(reply).toEqual({
      ok: false,
      error: 'This API key was rejected — it may have been revoked. Paste a new key in the settings.',
    });
    const stored = await group.get();
    expect(stored.members).toHaveLength(12);
    expect(stored.error).toBe(reply.ok ? undefined : reply.error);
    expect(stored.remedy).toBe('new-key');
  });

  it('a lasting 500 is kept as a retryable error', async () => {
    await ctx.control.fault({ status: 500, count: 20 });
    await syncGroup(ctx.makeClient);
    expect(await group.get()).toMatchObject({ remedy: 'retry', error: expect.stringMatching(/problem answering/) });
  });
});

describe('invite, remove, leave', () => {
  const ctx = useFakeApi({ subWorkspaces: 12 });

  it('a malformed id is refused without a request', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    await ctx.control.clearRequests();
    expect(await invite('not-an-id', ctx.makeClient)).toEqual({
      ok: false,
      error: expect.stringContaining('That is not a workspace ID'),
    });
    expect(await ctx.control.requests()).toEqual([]);
  });

  it('a valid id appears as pending at once; a second invite is explained', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const invitee = ctx.seeded.invitable[0]!;
    expect(await invite(` ${invitee.id} `, ctx.makeClient)).toEqual({
      ok: true,
      invited: { membershipId: expect.stringMatching(/^[0-9a-f-]{36}$/), name: invitee.name },
    });
    expect((await group.get()).members.find((m) => m.workspaceId === invitee.id)?.status).toBe('pending');
    expect(await invite(invitee.id, ctx.makeClient)).toEqual({
      ok: false,
      error: expect.stringMatching(/already belongs to a workspace group/),
      noticed: true,
    });
    expect(await operations.get()).toEqual([]);
  });

  it('an id typed in upper case is the same workspace: invited, stored and compared in lower case', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const invitee = ctx.seeded.invitable[0]!;
    expect(await invite(invitee.id.toUpperCase(), ctx.makeClient)).toMatchObject({
      ok: true,
      invited: { name: invitee.name },
    });
    const [sent] = await ctx.control.requests({ method: 'POST' });
    expect(JSON.parse(sent!.body)).toEqual({ sub_workspace_id: invitee.id });
    expect((await group.get()).members.filter((m) => m.workspaceId === invitee.id)).toHaveLength(1);
    // Its own id in upper case is still itself: refused without a request.
    await ctx.control.clearRequests();
    expect(await invite(ctx.seeded.admin.id.toUpperCase(), ctx.makeClient)).toEqual({
      ok: false,
      error: 'A workspace cannot invite itself.',
    });
    expect(await ctx.control.requests()).toEqual([]);
  });

  it('an interrupted invite of an id typed in upper case is settled as done', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const sent = ctx.seeded.invitable[0]!;
    await ctx.makeClient(ctx.seeded.adminKey).invite(sent.id);
    await begin({ kind: 'invite', workspaceId: sent.id.toUpperCase(), label: sent.name });
    await markInterrupted(); // the next worker's start-up
    await settleInterrupted(ctx.makeClient);
    expect((await notices.get()).map((n) => n.text)).toEqual([
      `Inviting ${sent.name} was interrupted, but Instantly had already done it.`,
    ]);
  });

  it('the first invite of a workspace in no group makes it an admin, and the right-click menu follows at once', async () => {
    await saveKey(ctx.seeded.loneKey, false, ctx.makeClient);
    const { browserMenus } = await import('@/lib/background/worker/adapters/menus');
    const created = vi.spyOn(browserMenus, 'create');
    try {
      expect(await invite(ctx.seeded.invitable[0]!.id, ctx.makeClient)).toMatchObject({ ok: true });
      expect(await account.get()).toMatchObject({ kind: 'admin' });
      // Not only at the next tab switch or refresh: the menu now offers the admin workspace.
      expect(created.mock.calls.map(([item]) => item.id)).toContain('act-as:admin');
    } finally {
      created.mockRestore();
    }
  });

  it('a member without rights gets the scope named', async () => {
    await saveKey(ctx.seeded.adminMemberKey, false, ctx.makeClient);
    expect(await invite(ctx.seeded.invitable[0]!.id, ctx.makeClient)).toEqual({
      ok: false,
      error: expect.stringContaining('workspace_group_members:create'),
      noticed: true,
    });
  });

  it('a sub workspace’s key cannot invite, and is told why without a request', async () => {
    await saveKey(ctx.seeded.subKey, false, ctx.makeClient);
    await ctx.control.clearRequests();
    expect(await invite(ctx.seeded.invitable[0]!.id, ctx.makeClient)).toEqual({
      ok: false,
      error: expect.stringContaining('cannot be both an admin and a sub workspace'),
    });
    expect(await ctx.control.requests()).toEqual([]);
  });

  it('removing the acted-as workspace removes it on the server and stops acting as it', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    await actAs(sub.id);
    expect(await remove(sub.membershipId, ctx.makeClient)).toEqual({ ok: true });
    const server = await ctx.control.state();
    expect(server.memberships.some((m) => m.id === sub.membershipId)).toBe(false);
    expect((await group.get()).members.some((m) => m.membershipId === sub.membershipId)).toBe(false);
    expect(await actingAs.get()).toBeNull();
    expect(headerRule()).toBeUndefined();
  });

  it('a refused removal keeps the row and says why', async () => {
    await saveKey(ctx.seeded.adminMemberKey, false, ctx.makeClient);
    const sub = ctx.seeded.subs[0]!;
    const reply = await remove(sub.membershipId, ctx.makeClient);
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('was not removed'), noticed: true });
    // Kept for a popup that closed meanwhile.
    expect((await notices.get()).map((n) => n.text)).toEqual([reply.ok ? '' : reply.error]);
    expect((await group.get()).members.some((m) => m.membershipId === sub.membershipId)).toBe(true);
    expect(await operations.get()).toEqual([]);
  });

  it('the owner of a sub workspace leaves: the membership is gone on the server', async () => {
    await saveKey(ctx.seeded.subKey, false, ctx.makeClient);
    expect(await leave(ctx.makeClient)).toEqual({ ok: true });
    expect(await account.get()).toMatchObject({ kind: 'standalone' });
    const server = await ctx.control.state();
    expect(
      server.memberships.some((m) => m.id === ctx.seeded.subs.find((s) => s.status === 'accepted')!.membershipId),
    ).toBe(false);
  });

  it('a non-owner cannot leave: the sentence says so and nothing changes', async () => {
    await saveKey(ctx.seeded.subMemberKey, false, ctx.makeClient);
    expect(await leave(ctx.makeClient)).toEqual({
      ok: false,
      error: 'Only the workspace owner can leave the group.',
      noticed: true,
    });
    expect(await account.get()).toMatchObject({ kind: 'sub' });
  });

  it('an action interrupted by a stopped worker is settled from the server, never re-sent', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const sent = ctx.seeded.invitable[0]!;
    const lost = ctx.seeded.invitable[1]!;
    // One invite reached the server before the worker died, the other did not.
    await ctx.makeClient(ctx.seeded.adminKey).invite(sent.id);
    await begin({ kind: 'invite', workspaceId: sent.id, label: sent.name });
    await begin({ kind: 'invite', workspaceId: lost.id, label: lost.name });
    await ctx.control.clearRequests();
    // The next worker's start-up.
    await markInterrupted();
    await settleInterrupted(ctx.makeClient);
    expect(await ctx.control.requests({ method: 'POST' })).toEqual([]);
    expect(await operations.get()).toEqual([]);
    expect((await notices.get()).map((n) => n.text)).toEqual([
      `Inviting ${sent.name} was interrupted, but Instantly had already done it.`,
      `Inviting ${lost.name} was interrupted before Instantly got it: nothing changed. Try again if you still want to.`,
    ]);
  });
});

describe('changes at the same time', () => {
  const ctx = useFakeApi({ subWorkspaces: 12 });
  beforeEach(async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
  });

  it('closing several per-tab tabs at once removes every one of their rules', async () => {
    const [a, b] = ctx.seeded.subs.filter((s) => s.status === 'accepted');
    await actAs(a!.id, 1);
    await actAs(a!.id, 2);
    await actAs(b!.id, 3);
    await Promise.all([forgetTab(1), forgetTab(2)]);
    expect(Object.keys(await tabActing.get())).toEqual(['3']);
    expect(sharedDnr.session().map((r) => r.condition.tabIds)).toEqual([[3]]);
  });

  it('a sync that fetched the list before a removal does not bring the removed row back', async () => {
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let fetched!: () => void;
    const listed = new Promise<void>((resolve) => (fetched = resolve));
    const slow: typeof ctx.makeClient = (key) => {
      const client = ctx.makeClient(key);
      return {
        ...client,
        listAllMembers: async () => {
          const items = await client.listAllMembers();
          fetched();
          await gate;
          return items;
        },
      };
    };
    const sync = syncGroup(slow);
    await listed; // the sync holds a list that still has the member
    expect(await remove(sub.membershipId, ctx.makeClient)).toEqual({ ok: true });
    release();
    await sync;
    expect((await group.get()).members.some((m) => m.membershipId === sub.membershipId)).toBe(false);
  });

  it('a page that fails in the middle of a listing keeps the last known group (it is not "no group")', async () => {
    const sub = ctx.seeded.subs.find((s) => s.status === 'accepted')!;
    await actAs(sub.id);
    const flaky: typeof ctx.makeClient = (key) => {
      const client = ctx.makeClient(key);
      let pages = 0;
      return {
        ...client,
        listMembersPage: async (params) => {
          if (++pages === 2) throw new ApiError('not-found', 'Resource not found', 404);
          return client.listMembersPage({ ...params, limit: 5 });
        },
      };
    };
    expect(await syncGroup(flaky)).toMatchObject({ ok: false });
    expect((await group.get()).members).toHaveLength(12);
    expect(await account.get()).toMatchObject({ kind: 'admin' });
    expect(await actingAs.get()).toMatchObject({ workspaceId: sub.id });
  });

  it('a key saved while an old sync runs gets a sync of its own', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: typeof ctx.makeClient = (key) => {
      const client = ctx.makeClient(key);
      return { ...client, currentWorkspace: async () => (await gate, client.currentWorkspace()) };
    };
    const old = syncGroup(slow);
    // Another key of the same workspace (a colleague's): it replaces the key, and syncs itself.
    const saved = saveKey(ctx.seeded.adminColleagueKey, false, ctx.makeClient);
    expect(await saved).toEqual({ ok: true });
    release();
    await old;
    expect(await accounts.get()).toEqual([expect.objectContaining({ kind: 'admin' })]);
    expect(await firstKey()).toBe(ctx.seeded.adminColleagueKey);
    expect((await group.get()).syncedAt).not.toBeNull();
  });

  it('a key forgotten while a sync runs stays forgotten', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: typeof ctx.makeClient = (key) => {
      const client = ctx.makeClient(key);
      return { ...client, listAllMembers: async () => (await gate, client.listAllMembers()) };
    };
    const sync = syncGroup(slow);
    await forgetKey();
    release();
    await sync;
    expect(await account.get()).toBeNull();
    expect((await group.get()).members).toEqual([]);
  });
});
