// Moving a key between storage areas (Remember ticked or unticked, a key replaced) when the
// browser refuses the write: the key must stay where it was, and the reply must say so.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rememberKey, saveKey } from '@/lib/background/capabilities/connect';
import { addUnstructured } from '@/lib/background/capabilities/unstructured-keys';
import { instantlyKey, unstructuredKey } from '@/lib/background/worker/secrets';
import { accounts, unstructuredWorkspaces } from '@/lib/common/storage';
import { useFakeApi } from './fake-api-harness';
import { FakeApiControl, startFakeApi, type FakeApi, type SeedResult } from '../fake-api';

type Area = { set: (items: Record<string, unknown>) => Promise<void> };

/** The area refuses any write of a key, as a full storage.local / storage.session does. */
function full(area: 'local' | 'session') {
  const target = fakeBrowser.storage[area] as Area;
  return vi.spyOn(target, 'set').mockImplementation(async (items) => {
    if (Object.keys(items).some((k) => k.startsWith('secret:'))) throw new Error('QUOTA_BYTES quota exceeded');
  });
}

describe('a key moved between storage areas, with the destination full', () => {
  const ctx = useFakeApi({ subWorkspaces: 1, unstructuredWorkspaces: ['Research'] });

  it('ticking Remember with storage.local full keeps the key in the session and says so', async () => {
    await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    const id = ctx.seeded.admin.id;
    const refused = full('local');
    const reply = await rememberKey(id, true);
    refused.mockRestore();
    expect(reply).toEqual({
      ok: false,
      error: expect.stringContaining('stays where it was: kept until the browser closes'),
    });
    expect(await instantlyKey(id).get()).toBe(ctx.seeded.adminKey);
    expect((await accounts.get())[0]?.remembered).toBe(false);
  });

  it('unticking Remember with storage.session full keeps the key on this device and says so', async () => {
    await saveKey(ctx.seeded.adminKey, true, ctx.makeClient);
    const id = ctx.seeded.admin.id;
    const refused = full('session');
    const reply = await rememberKey(id, false);
    refused.mockRestore();
    expect(reply).toEqual({
      ok: false,
      error: expect.stringContaining('stays where it was: remembered on this device'),
    });
    expect(await fakeBrowser.storage.local.get()).toMatchObject({ [`secret:instantly:${id}`]: ctx.seeded.adminKey });
    expect((await accounts.get())[0]?.remembered).toBe(true);
  });

  it('replacing a remembered key with one kept for the session, storage.session full: the old key stays', async () => {
    await saveKey(ctx.seeded.adminKey, true, ctx.makeClient);
    const refused = full('session');
    const reply = await saveKey(ctx.seeded.adminKey, false, ctx.makeClient);
    refused.mockRestore();
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('the key saved before for') });
    expect(await instantlyKey(ctx.seeded.admin.id).get()).toBe(ctx.seeded.adminKey);
    expect((await accounts.get())[0]?.remembered).toBe(true);
  });
});

describe('Unstructured keys', () => {
  let api: FakeApi;
  let seeded: SeedResult;
  beforeAll(async () => {
    api = await startFakeApi({ instantlyHosts: [], unstructuredHosts: ['127.0.0.1'] });
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    seeded = await new FakeApiControl(api.url).seed({
      subWorkspaces: 1,
      unstructuredWorkspaces: ['Research', 'Legal'],
    });
  });

  it('an Unstructured key the browser refuses to store adds no workspace', async () => {
    const refused = full('session');
    const [research] = seeded.unstructuredKeys;
    const reply = await addUnstructured({ name: 'Research', key: research!.key, apiUrl: api.url, remember: false });
    refused.mockRestore();
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('so the workspace was not added') });
    expect(await unstructuredWorkspaces.get()).toEqual([]);
  });

  it('two adds of the same name at once store one workspace and one key; the other is refused by name', async () => {
    const [research, legal] = seeded.unstructuredKeys;
    const replies = await Promise.all([
      addUnstructured({ name: 'Research', key: research!.key, apiUrl: api.url, remember: false }),
      addUnstructured({ name: 'research', key: legal!.key, apiUrl: api.url, remember: false }),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.find((r) => !r.ok)).toEqual({
      ok: false,
      error: expect.stringContaining('There is already a workspace called'),
    });
    const stored = await unstructuredWorkspaces.get();
    expect(stored).toHaveLength(1);
    const keys = Object.keys(await fakeBrowser.storage.session.get()).filter((k) =>
      k.startsWith('secret:unstructured:'),
    );
    expect(keys).toEqual([`secret:unstructured:${stored[0]!.id}`]);
    expect(await unstructuredKey(stored[0]!.id).get()).toBeTruthy();
  });
});
