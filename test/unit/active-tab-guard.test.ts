// activeTab (a click on the button, a shortcut or the menu on a tab) gives the extension host
// access to that tab's page: a subdomain or another port of an allowed site must still get no
// header. The browser is modelled by headerSent (initiator-match.ts), fed the rules the
// extension really applied.
import { beforeEach, describe, expect, it } from 'vitest';
import { guardTab, onTabLoading, onTabReplaced } from '@/lib/background/capabilities/active-tab-guard';
import { reconcile } from '@/lib/background/projection/reconcile';
import { unstructuredKey } from '@/lib/background/worker/secrets';
import { BUILT_IN_ORIGINS } from '@/lib/common/sites/host-permissions';
import {
  actingAs,
  allowedSites,
  guardedTabs,
  tabActing,
  unstructuredInUse,
  unstructuredSites,
  unstructuredWorkspaces,
} from '@/lib/common/storage';
import { sharedDnr } from './fake-dnr';
import { headerSent, type HostAccess } from './initiator-match';

const SUB = { workspaceId: '019ffad2-5cb9-7412-a999-646b69b0d7b4', name: 'Acme Outbound' };
const KEY = 'unstructured-key-0123456789';
const INSTANTLY = 'api.instantly.ai';
const UNSTRUCTURED = 'platform.unstructuredapp.io';
const TAB = 7;

/** What both headers are on a call from `origin` in `tab` to each API, with activeTab given in TAB on `granted`. */
async function headersFrom(origin: string | null, granted?: string, tab = TAB) {
  const rules = [...sharedDnr.dynamic(), ...sharedDnr.session(), ...sharedDnr.guards()];
  const access: HostAccess = {
    origins: [...BUILT_IN_ORIGINS, ...(await allowedSites.get())],
    activeTab: granted ? { tabId: TAB, origin: granted } : undefined,
  };
  return {
    workspace: headerSent(rules, { initiator: origin, tabId: tab, host: INSTANTLY }, access, 'x-as-workspace'),
    key: headerSent(rules, { initiator: origin, tabId: tab, host: UNSTRUCTURED }, access, 'unstructured-api-key'),
  };
}

beforeEach(async () => {
  // https://other.example allowed and ticked for the key; acting as a sub workspace everywhere.
  await allowedSites.set(['https://other.example']);
  await unstructuredSites.set(['https://other.example']);
  await unstructuredWorkspaces.set([
    { id: 'u1', name: 'Research', apiBase: `https://${UNSTRUCTURED}`, keyHint: '6789', remembered: false, addedAt: 0 },
  ]);
  await unstructuredInUse.set('u1');
  await unstructuredKey('u1').set(KEY, false);
  await actingAs.set(SUB);
  await reconcile();
});

describe('a tab the extension reached through activeTab alone', () => {
  it('the allowed site gets both headers; its subdomain none, before the click or after it', async () => {
    expect(await headersFrom('https://other.example')).toEqual({ workspace: SUB.workspaceId, key: KEY });
    expect(await headersFrom('https://deep.other.example')).toEqual({ workspace: undefined, key: undefined });
    // The shortcut pressed on that tab: activeTab now gives access to its page.
    await guardTab(TAB, 'https://deep.other.example/crm');
    expect(await headersFrom('https://deep.other.example', 'https://deep.other.example')).toEqual({
      workspace: undefined,
      key: undefined,
    });
    // Another tab on the allowed site itself is untouched.
    expect(await headersFrom('https://other.example', undefined, 8)).toEqual({ workspace: SUB.workspaceId, key: KEY });
  });

  it('another port or scheme of an allowed host gets none either', async () => {
    for (const origin of ['https://other.example:8443', 'http://other.example']) {
      await guardTab(TAB, `${origin}/`);
      expect(await headersFrom(origin, origin), origin).toEqual({ workspace: undefined, key: undefined });
    }
  });

  it('a click on a site the extension already holds is no reason to guard it', async () => {
    await guardTab(TAB, 'https://other.example/crm');
    await guardTab(TAB + 1, 'https://app.instantly.ai/app');
    await guardTab(TAB + 2, 'chrome://extensions/');
    expect(await guardedTabs.get()).toEqual({});
    expect(await headersFrom('https://other.example', 'https://other.example')).toEqual({
      workspace: SUB.workspaceId,
      key: KEY,
    });
  });

  it('the guard ends when the tab leaves that origin, or when the user allows the site', async () => {
    await guardTab(TAB, 'https://deep.other.example/crm');
    await onTabLoading(TAB, 'https://deep.other.example/other-page');
    expect(await guardedTabs.get()).toEqual({ [TAB]: 'https://deep.other.example' });
    await onTabLoading(TAB, undefined); // a page the extension cannot read: it has no access there
    expect(await guardedTabs.get()).toEqual({});

    await guardTab(TAB, 'https://deep.other.example/crm');
    expect(sharedDnr.guards()).toHaveLength(1);
    // "Allow on this site": the user chose to give it the header.
    await allowedSites.set(['https://other.example', 'https://deep.other.example']);
    await reconcile();
    expect(sharedDnr.guards()).toEqual([]);
    expect((await headersFrom('https://deep.other.example')).workspace).toBe(SUB.workspaceId);
  });

  it('a replaced tab (a prerendered page taking its place) keeps its own choice and its guard', async () => {
    await tabActing.set({ [TAB]: null });
    await guardTab(TAB, 'https://deep.other.example/crm');
    await onTabReplaced(42, TAB);
    expect(await tabActing.get()).toEqual({ 42: null });
    expect(await guardedTabs.get()).toEqual({ 42: 'https://deep.other.example' });
    expect(sharedDnr.guards()[0]!.condition.tabIds).toEqual([42]);
    expect(sharedDnr.session().find((r) => r.condition.tabIds)?.condition.tabIds).toEqual([42]);
  });
});
