import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { applyMenu, MENU_LIMIT, menuFor, menuStateFor } from '@/lib/background/projection/menu';
import { onMenuClick } from '@/lib/background/capabilities/menu-clicks';
import { reconcile } from '@/lib/background/projection/reconcile';
import { cycleTarget, directionOf } from '@/lib/background/capabilities/cycle-shortcut';
import { allowableOrigin, originOf } from '@/lib/common/sites/host-permissions';
import { actingAs, group, notices } from '@/lib/common/storage';
import { account } from './one-account';
import { type Account, type Member } from '@/lib/common/model';

const m = (n: number, status: Member['status'], name: string | null = `Client ${n}`): Member => ({
  membershipId: `019ffad2-0000-7000-8000-1000000000${String(n).padStart(2, '0')}`,
  workspaceId: `019ffad2-0000-7000-8000-0000000000${String(n).padStart(2, '0')}`,
  name,
  status,
  addedAt: '2026-01-01T00:00:00.000Z',
});
const members = [m(1, 'accepted'), m(2, 'pending'), m(3, 'accepted'), m(4, 'rejected'), m(5, 'accepted')];
const admin: Account = {
  workspaceId: '019ffad2-0000-7000-8000-00000000aaaa',
  workspaceName: 'Northstar Agency',
  kind: 'admin',
  remembered: false,
  checkedAt: 0,
};

describe('cycling', () => {
  it('walks admin → each accepted workspace in list order → admin, skipping pending and rejected', () => {
    const seen: (string | null)[] = [];
    let current: string | null = null;
    for (let i = 0; i < 4; i++) {
      current = cycleTarget(current, members, 'next')?.workspaceId ?? null;
      seen.push(current);
    }
    expect(seen).toEqual([members[0]!.workspaceId, members[2]!.workspaceId, members[4]!.workspaceId, null]);
  });

  it('goes backwards with "previous"', () => {
    expect(cycleTarget(null, members, 'previous')?.workspaceId).toBe(members[4]!.workspaceId);
    expect(cycleTarget(members[2]!.workspaceId, members, 'previous')?.workspaceId).toBe(members[0]!.workspaceId);
  });

  it('from a workspace no longer in the list, starts over from the admin', () => {
    expect(cycleTarget('019ffad2-0000-7000-8000-00000000ffff', members, 'next')?.workspaceId).toBe(
      members[0]!.workspaceId,
    );
  });

  it('with nothing accepted, stays on the admin', () => {
    expect(cycleTarget(null, [m(2, 'pending')], 'next')).toBeNull();
  });

  it('knows its commands', () => {
    expect(directionOf('cycle-next-workspace')).toBe('next');
    expect(directionOf('cycle-previous-workspace')).toBe('previous');
    expect(directionOf('_execute_action')).toBeNull();
  });
});

describe('context menu', () => {
  it('lists the admin and every accepted workspace, the current one checked, everywhere and in this tab', () => {
    const items = menuFor(
      menuStateFor(admin, members, { workspaceId: members[2]!.workspaceId, name: 'Client 3' }, { '9': null }, 9),
    );
    const radios = items.filter((i) => i.type === 'radio');
    expect(items[0]).toMatchObject({ id: 'act-as', title: 'Act as workspace' });
    expect(items[0]!.contexts).toEqual(expect.arrayContaining(['page', 'action']));
    const everywhere = radios.filter((i) => i.parentId === 'act-as');
    expect(everywhere.map((i) => i.title)).toEqual([
      'No sub workspace (Northstar Agency)',
      'Client 1',
      'Client 3',
      'Client 5',
    ]);
    expect(everywhere.filter((i) => i.checked).map((i) => i.title)).toEqual(['Client 3']);
    const tab = radios.filter((i) => i.parentId === 'act-as:tab');
    expect(tab.map((i) => i.title)).toEqual([
      'Same as everywhere',
      'No sub workspace',
      'Client 1',
      'Client 3',
      'Client 5',
    ]);
    expect(tab.filter((i) => i.checked).map((i) => i.title)).toEqual(['No sub workspace']);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('a tab with no choice of its own shows "Same as everywhere" checked', () => {
    const items = menuFor(menuStateFor(admin, members, null, {}, 4));
    expect(items.filter((i) => i.parentId === 'act-as:tab' && i.checked).map((i) => i.title)).toEqual([
      'Same as everywhere',
    ]);
  });

  it('lists at most MENU_LIMIT workspaces, always with the current choices, and says how many more', () => {
    const many = Array.from({ length: 45 }, (_, i) => m(i + 10, 'accepted'));
    const chosen = many[40]!;
    const items = menuFor(menuStateFor(admin, many, { workspaceId: chosen.workspaceId, name: 'x' }, {}, null));
    const everywhere = items.filter((i) => i.parentId === 'act-as' && i.type === 'radio');
    expect(everywhere).toHaveLength(1 + MENU_LIMIT + 1);
    expect(everywhere.find((i) => i.checked)?.title).toBe(chosen.name);
    expect(items.find((i) => i.id === 'act-as:more')).toMatchObject({
      title: `${45 - MENU_LIMIT - 1} more: search them in the popup`,
      enabled: false,
    });
  });

  it('a switch updates the checks in place instead of rebuilding the menu', async () => {
    const calls: string[] = [];
    const menus = {
      removeAll: async () => void calls.push('removeAll'),
      create: async (item: { id: string }) => void calls.push(`create ${item.id}`),
      update: async (id: string, change: { checked: boolean }) => void calls.push(`update ${id} ${change.checked}`),
    };
    const target = (n: number) => ({ workspaceId: members[n]!.workspaceId, name: 'x' });
    await applyMenu(menuFor(menuStateFor(admin, members, target(0), {}, null)), menus);
    expect(calls.filter((c) => c.startsWith('create')).length).toBeGreaterThan(5);
    calls.length = 0;
    await applyMenu(menuFor(menuStateFor(admin, members, target(2), {}, null)), menus);
    expect(calls).toEqual([
      `update act-as:${members[0]!.workspaceId} false`,
      `update act-as:${members[2]!.workspaceId} true`,
    ]);
    calls.length = 0;
    await applyMenu(menuFor(menuStateFor(admin, members.slice(0, 3), target(2), {}, null)), menus);
    expect(calls[0]).toBe('removeAll');
  });

  it('a refused click says why and puts the checks back (the browser already moved them)', async () => {
    const calls: string[] = [];
    const { browserMenus } = await import('@/lib/background/worker/adapters/menus');
    const removeAll = browserMenus.removeAll.bind(browserMenus);
    browserMenus.removeAll = async () => void calls.push('removeAll');
    try {
      await account.set(admin);
      await group.set({ members, syncedAt: 1 });
      await reconcile(); // the menu as the state has it: a reconcile now would change nothing
      calls.length = 0;
      const pending = members[1]!;
      const reply = await onMenuClick(`act-as:${pending.workspaceId}`, 4);
      expect(reply).toEqual({ ok: false, error: expect.stringContaining('its invitation is pending') });
      expect((await notices.get()).map((n) => n.text)).toEqual([expect.stringContaining('its invitation is pending')]);
      expect(calls).toEqual(['removeAll']); // rebuilt from the stored state, checks and all
      expect(await actingAs.get()).toBeNull();
    } finally {
      browserMenus.removeAll = removeAll;
    }
  });

  it('has "Open console" on the toolbar button only, and a click on it opens console.html in a tab', async () => {
    const items = menuFor(menuStateFor(admin, members, null, {}, null));
    expect(items.find((i) => i.title === 'Open console')).toEqual({
      id: 'open-console',
      title: 'Open console',
      contexts: ['action'],
    });
    const opened: string[] = [];
    const create = browser.tabs.create.bind(browser.tabs);
    browser.tabs.create = async (properties) => {
      opened.push(properties.url ?? '');
      return create(properties);
    };
    try {
      expect(await onMenuClick('open-console', 4)).toBeUndefined();
    } finally {
      browser.tabs.create = create;
    }
    expect(opened).toEqual([browser.runtime.getURL('/console.html')]);
    expect(await actingAs.get()).toBeNull();
  });

  it('is empty without an admin workspace key', () => {
    expect(menuFor(menuStateFor(null, members, null, {}, null))).toEqual([]);
    expect(menuFor(menuStateFor({ ...admin, kind: 'sub' }, [], null, {}, null))).toEqual([]);
  });
});

describe('allowed sites', () => {
  it('takes an origin from a page URL only for web pages', () => {
    expect(allowableOrigin('https://crm.example.com/deals?id=1')).toBe('https://crm.example.com');
    expect(allowableOrigin('chrome-extension://abc/popup.html')).toBeNull();
    expect(allowableOrigin('about:blank')).toBeNull();
    expect(allowableOrigin(undefined)).toBeNull();
  });
  it('reads an origin back from a host permission pattern', () => {
    expect(originOf('https://crm.example.com/*')).toBe('https://crm.example.com');
    expect(originOf('https://*/*')).toBeNull();
  });
});
