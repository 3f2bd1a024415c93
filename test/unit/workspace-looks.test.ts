import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { menuFor, menuStateFor } from '@/lib/background/projection/menu';
import { cycleTarget } from '@/lib/background/capabilities/cycle-shortcut';
import { reconcile } from '@/lib/background/projection/reconcile';
import { setWorkspaceLook } from '@/lib/background/capabilities/workspace-looks';
import { listedMembers, shownRows } from '@/lib/pages/group-view';
import { filterMembers } from '@/lib/pages/search';
import type { Account, Member } from '@/lib/common/model';
import { actingAs, group, groupHead, workspaceLooks } from '@/lib/common/storage';
import { account } from './one-account';

const m = (n: number, status: Member['status'] = 'accepted'): Member => ({
  membershipId: `019ffad2-0000-7000-8000-1000000000${String(n).padStart(2, '0')}`,
  workspaceId: `019ffad2-0000-7000-8000-0000000000${String(n).padStart(2, '0')}`,
  name: `Client ${n}`,
  status,
  addedAt: '2026-01-01T00:00:00.000Z',
});
const members = Array.from({ length: 20 }, (_, i) => m(i + 1, i === 1 ? 'pending' : 'accepted'));
const admin: Account = {
  workspaceId: '019ffad2-0000-7000-8000-00000000aaaa',
  workspaceName: 'Northstar',
  kind: 'admin',
  remembered: false,
  checkedAt: 0,
};
const idOf = (n: number) => members[n - 1]!.workspaceId;

describe('labels, colours and favourites', () => {
  it('a label shows in the badge, its tooltip and the menu, and the colour paints the badge', async () => {
    await account.set(admin);
    await group.set({ members, syncedAt: 1 });
    await actingAs.set({ workspaceId: idOf(3), name: 'Client 3' });
    expect(await setWorkspaceLook(idOf(3), { label: '  Big Fish Ltd ', color: '#AA0011' })).toEqual({ ok: true });
    expect(await workspaceLooks.get()).toEqual({ [idOf(3)]: { label: 'Big Fish Ltd', color: '#aa0011' } });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('BFL');
    expect(await fakeBrowser.action.getTitle({})).toContain('Big Fish Ltd (Client 3)');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xaa, 0x00, 0x11, 255]);

    const items = menuFor(menuStateFor(admin, members, null, {}, null, await workspaceLooks.get()));
    expect(items.find((i) => i.id === `act-as:${idOf(3)}`)?.title).toBe('Big Fish Ltd (Client 3)');
  });

  it('clearing the label and colour gives the workspace its own name and colour back', async () => {
    await account.set(admin);
    await group.set({ members, syncedAt: 1 });
    await actingAs.set({ workspaceId: idOf(3), name: 'Client 3' });
    await reconcile();
    const own = await fakeBrowser.action.getBadgeBackgroundColor({});
    await setWorkspaceLook(idOf(3), { label: 'Big Fish', color: '#aa0011' });
    await setWorkspaceLook(idOf(3), { label: '', color: null });
    expect(await workspaceLooks.get()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('C3');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual(own);
  });

  it('refuses a malformed id, an over-long label and a colour that is not #rrggbb, storing nothing', async () => {
    expect(await setWorkspaceLook('not-an-id', { label: 'x' })).toMatchObject({ ok: false });
    expect(await setWorkspaceLook(idOf(1), { label: 'x'.repeat(41) })).toMatchObject({
      ok: false,
      error: expect.stringContaining('40'),
    });
    expect(await setWorkspaceLook(idOf(1), { color: 'red' })).toMatchObject({ ok: false });
    expect(await workspaceLooks.get()).toEqual({});
  });

  it('favourites come first in the popup list, the cycle and the menu, each keeping its order', async () => {
    await setWorkspaceLook(idOf(15), { favourite: true });
    await setWorkspaceLook(idOf(4), { favourite: true });
    const looks = await workspaceLooks.get();
    expect(
      listedMembers(members, [], looks)
        .slice(0, 3)
        .map((x) => x.name),
    ).toEqual(['Client 4', 'Client 15', 'Client 1']);
    // The ring: admin → favourites → the rest.
    expect(cycleTarget(null, members, 'next', looks)?.workspaceId).toBe(idOf(4));
    expect(cycleTarget(idOf(4), members, 'next', looks)?.workspaceId).toBe(idOf(15));
    expect(cycleTarget(idOf(15), members, 'next', looks)?.workspaceId).toBe(idOf(1));
    expect(cycleTarget(null, members, 'previous', looks)?.workspaceId).toBe(idOf(20));
    const menu = menuFor(menuStateFor(admin, members, null, {}, null, looks)).filter(
      (i) => i.parentId === 'act-as' && i.type === 'radio',
    );
    expect(menu.slice(1, 4).map((i) => i.title)).toEqual(['Client 4', 'Client 15', 'Client 1']);
    // Unpinned: back in its place.
    await setWorkspaceLook(idOf(4), { favourite: false });
    expect(
      listedMembers(members, [], await workspaceLooks.get())
        .slice(0, 2)
        .map((x) => x.name),
    ).toEqual(['Client 15', 'Client 1']);
  });

  it('a favourite far down the group is in the popup’s first paint (the stored head)', async () => {
    await group.set({ members, syncedAt: 1 });
    expect((await groupHead.get()).members.map((x) => x.name)).not.toContain('Client 19');
    await setWorkspaceLook(idOf(19), { favourite: true });
    expect((await groupHead.get()).members[0]!.name).toBe('Client 19');
    // …and stays there when a sync writes the group again.
    await group.set({ members, syncedAt: 2 });
    expect((await groupHead.get()).members[0]!.name).toBe('Client 19');
    expect((await groupHead.get()).total).toBe(20);
  });

  it('the search finds a workspace by its label, and keeps favourites first', async () => {
    await setWorkspaceLook(idOf(7), { label: 'Zebra Growth' });
    await setWorkspaceLook(idOf(9), { label: 'Zebra Two', favourite: true });
    const looks = await workspaceLooks.get();
    expect(filterMembers(listedMembers(members, [], looks), 'zebra', looks).map((x) => x.name)).toEqual([
      'Client 9',
      'Client 7',
    ]);
  });

  it('with “Needs attention first”, favourites stay pinned on top, each part in attention order', async () => {
    await setWorkspaceLook(idOf(10), { favourite: true });
    await setWorkspaceLook(idOf(12), { favourite: true });
    const looks = await workspaceLooks.get();
    const glances = { [idOf(12)]: { fetchedAt: 1, trouble: 3 }, [idOf(5)]: { fetchedAt: 1, trouble: 9 } };
    const rows = shownRows(listedMembers(members, [], looks), '', looks, true, glances);
    expect(rows.slice(0, 4).map((x) => x.name)).toEqual(['Client 12', 'Client 10', 'Client 5', 'Client 1']);
    // A typed query keeps the search's ranking: the exact name first, favourite or not.
    expect(shownRows(listedMembers(members, [], looks), 'client 1', looks, true, glances)[0]!.name).toBe('Client 1');
  });

  it('an id in capitals finds the same look', async () => {
    await setWorkspaceLook(idOf(5).toUpperCase(), { label: 'Caps' });
    expect(filterMembers(members, 'caps', await workspaceLooks.get()).map((x) => x.name)).toEqual(['Client 5']);
  });
});
