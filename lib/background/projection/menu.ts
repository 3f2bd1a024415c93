// "Act as workspace" in the right-click menu (page and toolbar button): radio items for the
// admin workspace and every accepted sub workspace, everywhere and "In this tab only"; on the
// toolbar button also "Open console". The
// menu is a pure function of state (menuFor), rebuilt only when that result changes.
import { browserMenus, type MenuItem, type MenusApi } from '../worker/adapters/menus';
import {
  displayName,
  type Account,
  type Member,
  type TabChoices,
  type Target,
  type WorkspaceLooks,
} from '../../common/model';
import { oneMembershipEach } from '../../common/memberships';
import { favouritesFirst, nameWithLabel } from '../../common/workspace-looks';
import { agencyNamesOf, agencyOf } from '../../common/agencies';

/** Item ids: `act-as:<workspace id|admin>` everywhere, `act-as:tab:<workspace id|admin|follow>` for one tab. */
export const MENU_ID = {
  root: 'act-as',
  tabRoot: 'act-as:tab',
  admin: 'admin',
  follow: 'follow',
  /** The toolbar button's own item: the agency console in a tab. */
  console: 'open-console',
} as const;
const { root: ROOT, tabRoot: TAB_ROOT, admin: ADMIN, follow: FOLLOW } = MENU_ID;
const CONTEXTS: MenuItem['contexts'] = ['page', 'frame', 'action'];

export interface MenuState {
  /** The connected workspaces: the menu lists the sub workspaces of the admin ones. */
  accounts: Account[];
  members: Member[];
  everywhere: Target | null;
  /** The choices of the tab now active, which the "In this tab only" checks show. */
  activeTab: { tabId: number; choice: Target | null | undefined } | null;
  /** Labels (shown beside the name) and favourites (listed first). */
  looks: WorkspaceLooks;
}

/**
 * Workspaces listed in each menu. A menu of hundreds is no way to choose (the popup's search
 * is), and every item costs a browser call on each rebuild; the current choices are always in.
 */
export const MENU_LIMIT = 20;

function shortList(accepted: Member[], keep: (string | undefined)[]): Member[] {
  if (accepted.length <= MENU_LIMIT) return accepted;
  const first = accepted.slice(0, MENU_LIMIT);
  const extra = accepted.filter((m) => keep.includes(m.workspaceId) && !first.includes(m));
  return [...first, ...extra];
}

export function menuFor(state: MenuState): MenuItem[] {
  const admins = state.accounts.filter((a) => a.kind === 'admin');
  if (admins.length === 0) return [];
  // With several agencies, each item says whose it is (a page must use that agency's key).
  const names = agencyNamesOf(state.accounts);
  // One item per workspace: two memberships of one would be two items with the same id.
  const all = favouritesFirst(
    oneMembershipEach(state.members).filter((m) => m.status === 'accepted'),
    state.looks,
    (m) => m.workspaceId,
  );
  const title = (m: Member) => {
    const agency = agencyOf(m, state.accounts, names);
    return nameWithLabel(state.looks, m.workspaceId, displayName(m)) + (agency ? ` · ${agency}` : '');
  };
  const accepted = shortList(all, [state.everywhere?.workspaceId, state.activeTab?.choice?.workspaceId]);
  const more = all.length - accepted.length;
  const moreItem = (parentId: string): MenuItem[] =>
    more > 0
      ? [
          {
            id: `${parentId}:more`,
            title: `${more} more: search them in the popup`,
            parentId,
            enabled: false,
            contexts: CONTEXTS,
          },
        ]
      : [];
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
    item(
      `${ROOT}:${ADMIN}`,
      `No sub workspace (${admins.map((a) => a.workspaceName).join(', ')})`,
      ROOT,
      everywhereId === null,
    ),
    ...accepted.map((m) => item(`${ROOT}:${m.workspaceId}`, title(m), ROOT, m.workspaceId === everywhereId)),
    ...moreItem(ROOT),
    { id: `${ROOT}:separator`, title: '', parentId: ROOT, type: 'separator', contexts: CONTEXTS },
    { id: TAB_ROOT, title: 'In this tab only', parentId: ROOT, contexts: CONTEXTS },
    item(`${TAB_ROOT}:${FOLLOW}`, 'Same as everywhere', TAB_ROOT, tabChoice === undefined),
    item(`${TAB_ROOT}:${ADMIN}`, 'No sub workspace', TAB_ROOT, tabChoice === null),
    ...accepted.map((m) =>
      item(`${TAB_ROOT}:${m.workspaceId}`, title(m), TAB_ROOT, tabChoice?.workspaceId === m.workspaceId),
    ),
    ...moreItem(TAB_ROOT),
    // Only on the toolbar button: a web page's menu is about that page.
    { id: MENU_ID.console, title: 'Open console', contexts: ['action'] },
  ];
}

export function menuStateFor(
  account: Account | Account[] | null,
  members: Member[],
  everywhere: Target | null,
  tabs: TabChoices,
  activeTabId: number | null,
  looks: WorkspaceLooks = {},
): MenuState {
  return {
    accounts: account === null ? [] : Array.isArray(account) ? account : [account],
    members,
    everywhere,
    activeTab: activeTabId === null ? null : { tabId: activeTabId, choice: tabs[String(activeTabId)] },
    looks,
  };
}

/** What this worker last built (a new worker always rebuilds: menus outlive it, but it cannot know them). */
let shown: MenuItem[] | null = null;

/** The browser's checks may no longer be ours (a refused click still moved them): rebuild next time. */
export const forgetShownMenu = () => void (shown = null);

const shape = (items: MenuItem[]) => JSON.stringify(items.map(({ checked: _checked, ...rest }) => rest));

/**
 * Brings the menu to `items`. A switch changes only which items are checked: those are updated
 * in place; anything else (the group changed) rebuilds the menu.
 */
export async function applyMenu(items: MenuItem[], menus: MenusApi = browserMenus): Promise<void> {
  const before = shown;
  shown = items;
  try {
    if (before && shape(before) === shape(items)) {
      const changed = items.filter((item, i) => item.checked !== before[i]?.checked);
      // Checking a radio item unchecks its siblings; set the checked ones last so they win.
      for (const item of [...changed].sort((a, b) => Number(a.checked) - Number(b.checked)))
        await menus.update(item.id, { checked: !!item.checked });
      return;
    }
    await menus.removeAll();
    for (const item of items) await menus.create(item);
  } catch (error) {
    shown = null;
    throw error;
  }
}
