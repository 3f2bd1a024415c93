// What a click on one of the "Act as workspace" items (or "Open console") does (the items: projection/menu.ts).
import { actAs, forgetTab } from './act-as';
import { forgetShownMenu, MENU_ID } from '../projection/menu';
import { tell, tellIfNotApplied } from './notices';
import { reconcile } from '../projection/reconcile';
import type { Reply } from '../../common/reply';
import { browser } from 'wxt/browser';
import { whenReady } from '../worker/start-up-gate';
import { CONSOLE_PATH } from '../../common/console-page';

/** A click on one of our items: act as that workspace, everywhere or in the clicked tab. */
export async function onMenuClick(menuItemId: string | number, tabId: number | undefined): Promise<Reply | undefined> {
  if (menuItemId === MENU_ID.console) {
    await browser.tabs.create({ url: browser.runtime.getURL(CONSOLE_PATH) });
    return undefined;
  }
  const reply = await choose(menuItemId, tabId);
  if (reply && !reply.ok) {
    // The browser already moved the radio check to the refused item: put the checks back.
    forgetShownMenu();
    await tell(reply.error);
    await reconcile();
  }
  return reply;
}

function choose(menuItemId: string | number, tabId: number | undefined): Promise<Reply> | undefined {
  const id = String(menuItemId);
  if (id.startsWith(`${MENU_ID.tabRoot}:`)) {
    if (tabId === undefined || tabId < 0) return undefined;
    const choice = id.slice(MENU_ID.tabRoot.length + 1);
    if (choice === MENU_ID.follow) return forgetTab(tabId);
    return actAs(choice === MENU_ID.admin ? null : choice, tabId);
  }
  if (id.startsWith(`${MENU_ID.root}:`)) {
    const choice = id.slice(MENU_ID.root.length + 1);
    return actAs(choice === MENU_ID.admin ? null : choice);
  }
  return undefined;
}

export function setUpContextMenu(): void {
  browser.contextMenus.onClicked.addListener((info, tab) =>
    whenReady('context menu', () => onMenuClick(info.menuItemId, tab?.id), tellIfNotApplied),
  );
  // The "In this tab only" checks show the active tab's choice (of the focused window).
  browser.tabs.onActivated.addListener(() => whenReady('context menu for the active tab', () => reconcile()));
  browser.windows.onFocusChanged.addListener(() => whenReady('context menu for the focused window', () => reconcile()));
}
