// Stored data from older versions and corrupt stored data: what the user keeps. Fixtures are
// blobs as an earlier version (or a broken disk) left them in storage.local.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { grantedOrigins, syncAllowedSites } from '@/lib/background/capabilities/allowed-sites';
import { unstructuredKey } from '@/lib/background/worker/secrets';
import { startUp } from '@/lib/background/start-up';
import { operationsV2 } from '@/lib/common/migrations';
import type { PermissionsApi } from '@/lib/common/sites/permissions';
import { readAll, type StoredItem } from '@/lib/common/stored-item';
import {
  allowedSites,
  group,
  groupHead,
  notices,
  operations,
  tabActing,
  unstructuredInUse,
  unstructuredSites,
  unstructuredWorkspaces,
} from '@/lib/common/storage';

const local = fakeBrowser.storage.local;
const U = (n: number) => `019ffad2-0000-7000-8000-${String(n).padStart(12, '0')}`;
const member = (n: number) => ({
  membershipId: U(n),
  workspaceId: U(100 + n),
  name: `Client ${n}`,
  status: 'accepted',
  addedAt: '2026-01-01T00:00:00Z',
});
const workspace = (id: string, name: string) => ({
  id,
  name,
  apiBase: 'https://platform.unstructuredapp.io',
  keyHint: 'abcd',
  remembered: true,
  addedAt: 1,
});

const permissions = (granted: string[] = []): PermissionsApi => ({
  contains: async () => false,
  request: async () => false,
  remove: async () => false,
  getAll: async () => ({ origins: ['https://api.instantly.ai/*', ...granted], permissions: [] }),
});

describe('operations v1 → v2 (entries gain a state)', () => {
  it('a v1 entry, journalled before its request went out, was being sent', () => {
    const v1 = [{ id: 'a', kind: 'remove', membershipId: U(1), workspaceId: U(101), label: 'Client 1', at: 5 }];
    expect(operationsV2(v1)).toEqual([{ ...v1[0], state: 'sending' }]);
  });

  it('leaves what it does not recognise as it is, and never throws', () => {
    expect(operationsV2('garbage')).toBe('garbage');
    expect(operationsV2([null, 3, { state: 'unknown', id: 'b' }])).toEqual([null, 3, { state: 'unknown', id: 'b' }]);
  });

  it('a v1 journal on disk (no version recorded) is read as v2, and written back as v2 at start-up', async () => {
    const v1 = [{ id: 'a', kind: 'invite', workspaceId: U(1), label: 'Client 1', at: 5 }];
    await local.set({ operations: v1 });
    expect(await operations.get()).toEqual([{ ...v1[0], state: 'sending' }]);
    await startUp();
    const stored = await local.get(['operations', 'operations$']);
    expect(stored['operations$']).toEqual({ v: 2 });
    // Start-up also found it was cut short (its worker stopped): it is to be checked.
    expect(stored.operations).toEqual([{ ...v1[0], state: 'unknown', cause: 'interrupted' }]);
  });

  it('the popup reads a v1 journal as v2 in the same storage call as everything else', async () => {
    await local.set({ operations: [{ id: 'a', kind: 'leave', membershipId: U(1), label: 'Admin', at: 5 }] });
    const localGets = vi.spyOn(local, 'get');
    const sessionGets = vi.spyOn(fakeBrowser.storage.session, 'get');
    const [ops] = await readAll([operations, notices, tabActing] as StoredItem<unknown>[]);
    expect(ops).toEqual([expect.objectContaining({ id: 'a', state: 'sending' })]);
    // Values and versions in one call per area, as before versions: local (operations,
    // notices) and session (tabActing).
    expect(localGets).toHaveBeenCalledTimes(1);
    expect(sessionGets).toHaveBeenCalledTimes(1);
    localGets.mockRestore();
    sessionGets.mockRestore();
  });
});

describe('a corrupt element costs only itself', () => {
  it('one bad Unstructured entry does not hide the others', async () => {
    await local.set({
      unstructuredWorkspaces: [workspace('u1', 'Acme'), { id: 'u2', name: 42 }, workspace('u3', 'Beta')],
    });
    expect((await unstructuredWorkspaces.get()).map((w) => w.name)).toEqual(['Acme', 'Beta']);
  });

  it('one bad member does not empty the group, and a bad field costs only that field', async () => {
    await local.set({
      group: { members: [member(1), { ...member(2), status: 'invited' }, member(3)], syncedAt: 'yesterday', error: 7 },
    });
    const stored = await group.get();
    expect(stored.members.map((m) => m.name)).toEqual(['Client 1', 'Client 3']);
    expect(stored.syncedAt).toBeNull();
  });

  it('notices, operations, tab choices and sites keep their good elements', async () => {
    await local.set({
      notices: [{ id: 'n1', text: 'kept', at: 1 }, { id: 'n2' }],
      operations: [
        { id: 'o1', kind: 'remove', label: 'x', at: 1, state: 'unknown' },
        { id: 'o2', kind: 'explode', label: 'y', at: 1, state: 'sending' },
      ],
      allowedSites: ['https://crm.example.com', 'not a site', 17],
      unstructuredSites: ['https://crm.example.com', 'javascript:alert(1)'],
    });
    await local.set({ operations$: { v: 2 } });
    await fakeBrowser.storage.session.set({
      tabActing: { 1: { workspaceId: U(1), name: 'A' }, 2: { workspaceId: 'nope' }, 3: null },
    });
    expect((await notices.get()).map((n) => n.id)).toEqual(['n1']);
    expect((await operations.get()).map((o) => o.id)).toEqual(['o1']);
    expect(await allowedSites.get()).toEqual(['https://crm.example.com']);
    expect(await unstructuredSites.get()).toEqual(['https://crm.example.com']);
    expect(Object.keys(await tabActing.get())).toEqual(['1', '3']);
  });

  it('a blob that is not the right kind at all falls back, and nothing throws', async () => {
    await local.set({ group: 'garbage', groupHead: [1, 2], notices: { 0: 'x' }, account: 3 });
    expect(await group.get()).toEqual({ members: [], syncedAt: null });
    expect((await groupHead.get()).members).toEqual([]);
    expect(await notices.get()).toEqual([]);
  });
});

describe('start-up tidies what an unreadable entry left behind', () => {
  it('the remembered key of an Unstructured entry that can no longer be read is removed, and the user told', async () => {
    await local.set({ unstructuredWorkspaces: [workspace('u1', 'Acme'), { id: 'u2', name: 'Broken', apiBase: null }] });
    await unstructuredKey('u1').set('key-one', true);
    await unstructuredKey('u2').set('key-two', true);
    await unstructuredInUse.set('u2');
    await startUp();
    expect(await unstructuredKey('u1').get()).toBe('key-one');
    expect(await unstructuredKey('u2').get()).toBeNull();
    expect(JSON.stringify(await local.get())).not.toContain('key-two');
    expect(await unstructuredInUse.get()).toBeNull();
    expect((await notices.get()).map((n) => n.text)).toContainEqual(
      expect.stringMatching(/^The Unstructured workspace Broken could not be read/),
    );
  });

  it('a key whose entry is gone altogether is removed where the browser can list its keys', async () => {
    await local.set({ unstructuredWorkspaces: [workspace('u1', 'Acme')] });
    await unstructuredKey('u1').set('key-one', true);
    await unstructuredKey('lost').set('key-lost', true);
    const area = local as unknown as { getKeys: () => Promise<string[]> };
    const getKeys = vi.spyOn(area, 'getKeys').mockImplementation(async () => Object.keys(await local.get()));
    await startUp();
    getKeys.mockRestore();
    expect(await unstructuredKey('u1').get()).toBe('key-one');
    expect(await unstructuredKey('lost').get()).toBeNull();
  });
});

describe('an Unstructured API base that is not a URL', () => {
  it('does not break the allowed-sites sync', async () => {
    await unstructuredWorkspaces.set([{ ...workspace('u1', 'Odd'), apiBase: 'not a url' }]);
    expect(await grantedOrigins(permissions(['https://crm.example.com/*']))).toEqual(['https://crm.example.com']);
    await syncAllowedSites(permissions(['https://crm.example.com/*']));
    expect(await allowedSites.get()).toEqual(['https://crm.example.com']);
  });
});
