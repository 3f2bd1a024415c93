// "Act as workspace" in the right-click menu (page and toolbar button): radio items for the
// admin workspace and every accepted sub workspace, everywhere and "In this tab only". The
// menu is a pure function of state (menuFor), rebuilt only when that result changes.
import { browserMenus, type MenuItem, type MenusApi } from './menus';
import { displayName, type Account, type Member, type TabChoices, type Target } from './storage';

/** Item ids: `act-as:<workspace id|admin>` everywhere, `act-as:tab:<workspace id|admin|follow>` for one tab. */
export const MENU_ID = { root: 'act-as', tabRoot: 'act-as:tab', admin: 'admin', follow: 'follow' } as const;
const { root: ROOT, tabRoot: TAB_ROOT, admin: ADMIN, follow: FOLLOW } = MENU_ID;
const CONTEXTS: MenuItem['contexts'] = ['page', 'frame', 'action'];

export interface MenuState {
  account: Account | null;
  members: Member[];
  everywhere: Target | null;
  /** The choices of the tab now active, which the "In this tab only" checks show. */
  activeTab: { tabId: number; choice: Target | null | undefined } | null;
}

export function menuFor(state: MenuState): MenuItem[] {
  if (!state.account || state.account.kind !== 'admin') return [];
  const accepted = state.members.filter((m) => m.status === 'accepted');
  const item = (id: string, title: string, parentId: string, checked: boolean): MenuItem => ({
    id,
    title,
    parentId,
    type: 'radio',
    checked,
    contexts: CONTEXTS,
  });
  const everywhereId = state.everywhere?.workspaceId ?? null;
  const tabChoice = state.activeTab?.choice;
  return [
    { id: ROOT, title: 'Act as workspace', contexts: CONTEXTS },
    item(`${ROOT}:${ADMIN}`, `No sub workspace (${state.account.workspaceName})`, ROOT, everywhereId === null),
    ...accepted.map((m) => item(`${ROOT}:${m.workspaceId}`, displayName(m), ROOT, m.workspaceId === everywhereId)),
    { id: `${ROOT}:separator`, title: '', parentId: ROOT, type: 'separator', contexts: CONTEXTS },
    { id: TAB_ROOT, title: 'In this tab only', parentId: ROOT, contexts: CONTEXTS },
    item(`${TAB_ROOT}:${FOLLOW}`, 'Same as everywhere', TAB_ROOT, tabChoice === undefined),
    item(`${TAB_ROOT}:${ADMIN}`, 'No sub workspace', TAB_ROOT, tabChoice === null),
    ...accepted.map((m) => item(`${TAB_ROOT}:${m.workspaceId}`, displayName(m), TAB_ROOT, tabChoice?.workspaceId === m.workspaceId)),
  ];
}

export function menuStateFor(
  account: Account | null,
  members: Member[],
  everywhere: Target | null,
  tabs: TabChoices,
  activeTabId: number | null,
): MenuState {
  return {
    account,
    members,
    everywhere,
    activeTab: activeTabId === null ? null : { tabId: activeTabId, choice: tabs[String(activeTabId)] },
  };
}

let shown = '';

/** Rebuilds the menu when it differs from what this worker last built (a new worker always rebuilds). */
export async function applyMenu(items: MenuItem[], menus: MenusApi = browserMenus): Promise<void> {
  const wanted = JSON.stringify(items);
  if (wanted === shown) return;
  shown = wanted;
  try {
    await menus.removeAll();
    for (const item of items) await menus.create(item);
  } catch (error) {
    shown = '';
    throw error;
  }
}
