import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setUnstructuredSite } from '@/lib/background/capabilities/allowed-sites';
import { RULE_ID, rulesFor } from '@/lib/background/projection/rules';
import { unstructuredKey } from '@/lib/background/worker/secrets';
import {
  allowedSites,
  notices,
  unstructuredInUse,
  unstructuredSites,
  unstructuredWorkspaces,
} from '@/lib/common/storage';
import { UNSTRUCTURED_KEY_HEADER } from '@/lib/common/sites/hosts';
import { normaliseApiUrl } from '@/lib/common/sites/unstructured-url';
import { reconcile } from '@/lib/background/projection/reconcile';
import {
  addUnstructured,
  deleteUnstructured,
  forgetLostUnstructuredKey,
  switchUnstructured,
} from '@/lib/background/capabilities/unstructured-keys';
import { FakeApiControl, startFakeApi, type FakeApi, type SeedResult } from '../fake-api';
import { headerValue, sharedDnr } from './fake-dnr';

const keyRule = () => sharedDnr.session().find((r) => r.id === RULE_ID.unstructuredKey);

describe('the Unstructured API URL', () => {
  it.each([
    ['', 'https://platform.unstructuredapp.io'],
    ['https://platform.unstructuredapp.io/api/v1', 'https://platform.unstructuredapp.io'],
    ['https://platform.unstructuredapp.io/api/v1/', 'https://platform.unstructuredapp.io'],
    ['platform.acme-corp.unstructuredapp.io', 'https://platform.acme-corp.unstructuredapp.io'],
    ['https://example.com/unstructured/api/v1', 'https://example.com/unstructured'],
    ['http://localhost:8000/', 'http://localhost:8000'],
  ])('%j → %s', (input, base) => {
    expect(normaliseApiUrl(input)?.base).toBe(base);
  });
  it.each(['http://platform.unstructuredapp.io', 'ftp://x', 'https://x.io/?key=1', 'not a url at all'])(
    'refuses %j',
    (input) => {
      expect(normaliseApiUrl(input)).toBeNull();
    },
  );
});

describe('the Unstructured key rule', () => {
  it('adds the key only for the allowed initiators, never the extension itself', () => {
    const { session } = rulesFor({
      extensionHost: 'ext-id',
      actingAs: null,
      tabActing: {},
      allowedSites: [],
      unstructured: {
        key: 'secret',
        apiHost: 'platform.unstructuredapp.io',
        initiatorHosts: ['platform.unstructuredapp.io', 'crm.example.com'],
        excludedHosts: ['eu.crm.example.com'],
      },
    });
    expect(session).toHaveLength(1);
    expect(session[0]!.action.requestHeaders).toEqual([
      { header: UNSTRUCTURED_KEY_HEADER, operation: 'set', value: 'secret' },
    ]);
    expect(session[0]!.condition).toMatchObject({
      requestDomains: ['platform.unstructuredapp.io'],
      initiatorDomains: ['crm.example.com', 'platform.unstructuredapp.io'],
      excludedInitiatorDomains: ['ext-id', 'eu.crm.example.com'],
    });
  });
});

describe('Unstructured workspaces against the fake API', () => {
  let api: FakeApi;
  let seeded: SeedResult;
  let base: string;
  beforeAll(async () => {
    // Plain HTTP on 127.0.0.1, answered as Unstructured.
    api = await startFakeApi({ instantlyHosts: [], unstructuredHosts: ['127.0.0.1'] });
    base = api.url;
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    seeded = await new FakeApiControl(api.url).seed({
      subWorkspaces: 1,
      unstructuredWorkspaces: ['Research', 'Legal'],
    });
  });

  it('a good key is checked, saved with what the workspace holds, its key never stored in the clear list', async () => {
    const [research] = seeded.unstructuredKeys;
    expect(
      await addUnstructured({ name: 'Research', key: research!.key, apiUrl: `${base}/api/v1`, remember: false }),
    ).toEqual({ ok: true });
    const [saved] = await unstructuredWorkspaces.get();
    expect(saved).toMatchObject({
      name: 'Research',
      apiBase: base,
      keyHint: research!.key.slice(-4),
      remembered: false,
    });
    expect(saved!.summary!.workflows).toBeGreaterThan(0);
    expect(JSON.stringify(await unstructuredWorkspaces.get())).not.toContain(research!.key);
    expect(await unstructuredKey(saved!.id).get()).toBe(research!.key);
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain(research!.key);
  });

  it('a bad key is refused with the server’s reason and nothing is stored', async () => {
    const reply = await addUnstructured({ name: 'Nope', key: 'wrong', apiUrl: base, remember: true });
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('API key is malformed') });
    expect(await unstructuredWorkspaces.get()).toEqual([]);
  });

  it('a wrong URL says the URL is wrong', async () => {
    const reply = await addUnstructured({
      name: 'X',
      key: seeded.unstructuredKeys[0]!.key,
      apiUrl: `${base}/wrong`,
      remember: false,
    });
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('API URL looks wrong') });
  });

  it('use one, switch, turn off: the rule follows, from the sites opted in', async () => {
    const [research, legal] = seeded.unstructuredKeys;
    await addUnstructured({ name: 'Research', key: research!.key, apiUrl: base, remember: true });
    await addUnstructured({ name: 'Legal', key: legal!.key, apiUrl: base, remember: true });
    const [r, l] = await unstructuredWorkspaces.get();
    await allowedSites.set(['https://crm.example.com', 'https://other.example', 'http://plain.example']);

    expect(await switchUnstructured(r!.id)).toEqual({ ok: true });
    // An account's own API host is a site like any other: no page there gets the key unopted.
    expect(keyRule()).toBeUndefined();
    expect(await setUnstructuredSite(base, true)).toEqual({ ok: true });
    expect(headerValue(keyRule())).toBe(research!.key);
    expect(JSON.stringify(sharedDnr.dynamic())).not.toContain(research!.key);
    expect(keyRule()!.condition.initiatorDomains).toEqual(['127.0.0.1']);
    // An allowed site gets the key only once the user opts it in.
    await setUnstructuredSite('https://crm.example.com', true);
    expect(keyRule()!.condition.initiatorDomains).toEqual(['127.0.0.1', 'crm.example.com']);
    await setUnstructuredSite('https://not-allowed.example', true);
    expect(keyRule()!.condition.initiatorDomains).toEqual(['127.0.0.1', 'crm.example.com']);
    // Plain http is refused in words (anywhere but this machine).
    expect(await setUnstructuredSite('http://plain.example', true)).toEqual({
      ok: false,
      error: expect.stringContaining('only from https://'),
    });
    expect(await unstructuredSites.get()).toEqual([base, 'https://crm.example.com']);

    await switchUnstructured(l!.id);
    expect(headerValue(keyRule())).toBe(legal!.key);

    await switchUnstructured(null);
    expect(keyRule()).toBeUndefined();

    await switchUnstructured(l!.id);
    await deleteUnstructured(l!.id);
    expect(keyRule()).toBeUndefined();
    expect(await unstructuredInUse.get()).toBeNull();
    expect(await unstructuredKey(l!.id).get()).toBeNull();
  });

  it('a key not remembered is gone with the session: no rule, and a plain sentence', async () => {
    const [research] = seeded.unstructuredKeys;
    await addUnstructured({ name: 'Research', key: research!.key, apiUrl: base, remember: false });
    const [r] = await unstructuredWorkspaces.get();
    await fakeBrowser.storage.session.clear();
    await reconcile();
    expect(keyRule()).toBeUndefined();
    expect(await switchUnstructured(r!.id)).toEqual({
      ok: false,
      error: expect.stringContaining('was not remembered'),
    });
  });

  it('a key in use that was not remembered: after the browser closed, it is no longer claimed to be in use', async () => {
    const [research] = seeded.unstructuredKeys;
    await addUnstructured({ name: 'Research', key: research!.key, apiUrl: base, remember: false });
    const [r] = await unstructuredWorkspaces.get();
    await setUnstructuredSite(base, true);
    await switchUnstructured(r!.id);
    expect(keyRule()).toBeDefined();
    await fakeBrowser.storage.session.clear(); // the browser closed
    await forgetLostUnstructuredKey();
    expect(await unstructuredInUse.get()).toBeNull();
    expect(keyRule()).toBeUndefined();
    expect((await notices.get()).map((n) => n.text)).toEqual([
      expect.stringContaining('kept only until the browser closed'),
    ]);
  });

  it('deleting the last workspace on an account’s own API host takes back that host’s permission, and only then', async () => {
    const [research, legal] = seeded.unstructuredKeys;
    await addUnstructured({ name: 'Research', key: research!.key, apiUrl: base, remember: true });
    await addUnstructured({ name: 'Legal', key: legal!.key, apiUrl: base, remember: true });
    const [r, l] = await unstructuredWorkspaces.get();
    const removed: string[][] = [];
    const permissions = {
      contains: async () => true,
      request: async () => true,
      getAll: async () => ({}),
      remove: async ({ origins = [] }: { origins?: string[] }) => (removed.push(origins), true),
    };
    await setUnstructuredSite(base, true);
    await deleteUnstructured(r!.id, permissions);
    expect(removed).toEqual([]); // Legal still uses that host
    expect(await unstructuredSites.get()).toEqual([base]);
    await deleteUnstructured(l!.id, permissions);
    expect(removed).toEqual([[`${base}/*`]]);
    // Its opt-in goes too: the same host added again later does not get the key unasked.
    expect(await unstructuredSites.get()).toEqual([]);
  });

  it('a failed add takes back the API host permission the page asked for it, and only that', async () => {
    const [research] = seeded.unstructuredKeys;
    const removed: string[][] = [];
    const permissions = {
      contains: async () => true,
      request: async () => true,
      getAll: async () => ({}),
      remove: async ({ origins = [] }: { origins?: string[] }) => (removed.push(origins), true),
    };
    const wrongKey = { name: 'Production', key: 'wrong', apiUrl: base, remember: false };
    expect(await addUnstructured({ ...wrongKey, takeBackPermission: true }, undefined, permissions)).toMatchObject({
      ok: false,
    });
    expect(removed).toEqual([[`${base}/*`]]);
    // Granted before this add (the page did not ask): kept.
    await addUnstructured(wrongKey, undefined, permissions);
    expect(removed).toHaveLength(1);
    // A host another workspace uses keeps its permission.
    await addUnstructured({ name: 'Research', key: research!.key, apiUrl: base, remember: false });
    await addUnstructured({ ...wrongKey, takeBackPermission: true }, undefined, permissions);
    expect(removed).toHaveLength(1);
  });
});
