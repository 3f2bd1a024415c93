// activeTab gives the extension host access to a tab's page whenever the user opens the popup,
// presses a shortcut or uses the menu there. The header rules name their sites by host, which
// the browser matches on every subdomain, scheme and port, and host access was all that kept a
// page on https://deep.other.example (with https://other.example allowed) from the headers. So a
// tab reached that way, on a page the extension has no host permission for, is guarded: a
// session allow rule for that tab (projection/rules.ts) stops both headers there until it
// leaves that origin (where Chromium drops the activeTab grant too) or closes.
import { browser } from 'wxt/browser';
import { exclusive } from '../worker/queue';
import { reconcile } from '../projection/reconcile';
import { describe } from '../worker/errors';
import { allowableOrigin } from '../../common/sites/host-permissions';
import { guardOriginFor, permittedOrigins } from '../projection/guarded-tabs';
import { allowedSites, guardedTabs, tabActing, unstructuredWorkspaces } from '../../common/storage';
import { fromOwnPage } from '../worker/message-router';

async function permitted(): Promise<string[]> {
  const [sites, workspaces] = await Promise.all([allowedSites.get(), unstructuredWorkspaces.get()]);
  return permittedOrigins(sites, workspaces);
}

/** Reads the tab's page (readable now: activeTab) and guards the tab if it needs it. */
export async function guardTab(tabId: number, url?: string): Promise<void> {
  if (!Number.isInteger(tabId) || tabId < 0) return;
  const page = url ?? (await browser.tabs.get(tabId).catch(() => undefined))?.url;
  const origin = guardOriginFor(page, await permitted());
  if (!origin) return;
  const changed = await exclusive(async () => {
    const tabs = await guardedTabs.get();
    if (tabs[String(tabId)] === origin) return false;
    await guardedTabs.set({ ...tabs, [String(tabId)]: origin });
    return true;
  });
  if (changed) await reconcile();
}

/** The active tab of the focused window: the one a popup opened over. */
async function guardActiveTab(): Promise<void> {
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active?.id !== undefined) await guardTab(active.id, active.url);
}

/**
 * A guarded tab that loads a page: still guarded while on the same origin; otherwise the grant
 * went with the old page, and so does the guard (a page the extension cannot read is one it has
 * no access to at all).
 */
export async function onTabLoading(tabId: number, url: string | undefined): Promise<void> {
  const changed = await exclusive(async () => {
    const tabs = await guardedTabs.get();
    const origin = tabs[String(tabId)];
    if (origin === undefined || (url !== undefined && allowableOrigin(url) === origin)) return false;
    const { [String(tabId)]: _left, ...rest } = tabs;
    await guardedTabs.set(rest);
    return true;
  });
  if (changed) await reconcile();
}

/**
 * The browser swapped a tab for another (a prerendered or restored page takes the tab's place
 * under a new id): the tab's own choice and its guard follow it, or the new id would go out as
 * everyone else with nothing to guard it.
 */
export async function onTabReplaced(added: number, removed: number): Promise<void> {
  const changed = await exclusive(async () => {
    const [choices, guards] = await Promise.all([tabActing.get(), guardedTabs.get()]);
    const move = <T>(record: Record<string, T>): Record<string, T> | null => {
      if (!(String(removed) in record)) return null;
      const { [String(removed)]: value, ...rest } = record;
      return { ...rest, [String(added)]: value as T };
    };
    const [newChoices, newGuards] = [move(choices), move(guards)];
    if (newChoices) await tabActing.set(newChoices);
    if (newGuards) await guardedTabs.set(newGuards);
    return !!(newChoices || newGuards);
  });
  if (changed) await reconcile();
}

async function forgetGuard(tabId: number): Promise<void> {
  const changed = await exclusive(async () => {
    const tabs = await guardedTabs.get();
    if (!(String(tabId) in tabs)) return false;
    const { [String(tabId)]: _closed, ...rest } = tabs;
    await guardedTabs.set(rest);
    return true;
  });
  if (changed) await reconcile();
}

const logged = (what: string) => (error: unknown) => console.warn(`Workspace Switcher: ${what}:`, describe(error));

/**
 * Not behind the start-up gate: a guard only takes headers away, and the sooner it is applied
 * the shorter the moment between the grant and the rule (README, Where each header goes).
 */
export function setUpActiveTabGuard(): void {
  browser.commands.onCommand.addListener((_command, tab) => {
    if (tab?.id !== undefined) void guardTab(tab.id, tab.url).catch(logged('tab not guarded'));
  });
  browser.contextMenus.onClicked.addListener((_info, tab) => {
    if (tab?.id !== undefined) void guardTab(tab.id, tab.url).catch(logged('tab not guarded'));
  });
  // The popup (opened over a tab, not in one) asks the background as soon as it opens.
  browser.runtime.onMessage.addListener((_message: unknown, sender) => {
    if (fromOwnPage(sender) && !sender.tab && sender.url?.includes('/popup.html'))
      void guardActiveTab().catch(logged('tab not guarded'));
    return undefined;
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading') void onTabLoading(tabId, change.url ?? tab.url).catch(logged('guard not updated'));
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetGuard(tabId).catch(logged('guard not forgotten')));
  browser.tabs.onReplaced.addListener(
    (added, removed) => void onTabReplaced(added, removed).catch(logged('replaced tab not followed')),
  );
}
