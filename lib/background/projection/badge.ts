// The toolbar badge always says who you act as: a short label and a colour of the workspace's
// own. A tab's own choice overrides the everywhere one (badge model after Bitwarden's).
import { browser } from 'wxt/browser';
import { paintedTabs } from '../../common/storage';
import { type TabChoices, type Target, type WorkspaceLooks } from '../../common/model';
import { badgeColorOf, hashColor, lookOf, nameWithLabel } from '../../common/workspace-looks';

/** Up to three letters: initials of a multi-word name, else the name's start. */
export function badgeLabel(target: Target): string {
  const words = target.name.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return target.workspaceId.slice(0, 3).toUpperCase();
  if (words.length === 1) return words[0].slice(0, 3).toUpperCase();
  return words
    .slice(0, 3)
    .map((w) => w[0])
    .join('')
    .toUpperCase();
}

/** A stable colour of the workspace's own, when the user picked none. */
export const badgeColor = hashColor;

export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

const TITLE = 'Workspace Switcher';

/**
 * @param unstructured the Unstructured workspace whose key is in use, named in the tooltip.
 * @param looks the user's labels and colours, resolved here so a later change shows at once.
 */
export function badgeFor(
  target: Target | null,
  scope: 'everywhere' | 'tab',
  unstructured?: string,
  looks: WorkspaceLooks = {},
): BadgeView {
  const where = scope === 'tab' ? ' in this tab' : '';
  const also = unstructured ? ` · Unstructured: ${unstructured}` : '';
  if (!target) return { text: '', color: '#5f6368', title: `${TITLE}: acting as the admin workspace${where}${also}` };
  const label = lookOf(looks, target.workspaceId).label;
  return {
    text: badgeLabel(label ? { ...target, name: label } : target),
    color: badgeColorOf(looks, target.workspaceId),
    title: `${TITLE}: acting as ${nameWithLabel(looks, target.workspaceId, target.name)}${where}${also}`,
  };
}

async function paint(view: BadgeView, tabId?: number) {
  await Promise.all([
    browser.action.setBadgeText({ text: view.text, tabId }),
    browser.action.setBadgeBackgroundColor({ color: view.color, tabId }),
    browser.action.setTitle({ title: view.title, tabId }),
    // Firefox and recent Chrome pick a text colour of their own unless told.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- absent before Chrome 110 (no minimum version is set)
    browser.action.setBadgeTextColor?.({ color: '#ffffff', tabId }),
  ]);
}

/**
 * A tab whose own choice went back to "same as everywhere". Chromium resets a tab's badge text
 * to the global one with null, but not its colours or title (they take no null), so those are
 * painted with the everywhere view, and again whenever that changes (the tab stays in
 * paintedTabs until it closes).
 */
async function mirrorEverywhere(view: BadgeView, tabId: number) {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: null } as unknown as { tabId: number; text: string }),
    browser.action.setBadgeBackgroundColor({ color: view.color, tabId }),
    browser.action.setTitle({ title: view.title, tabId }),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- absent before Chrome 110, as above
    browser.action.setBadgeTextColor?.({ color: '#ffffff', tabId }),
  ]);
}

export async function showBadges(
  everywhere: Target | null,
  tabActing: TabChoices,
  unstructured?: string,
  looks: WorkspaceLooks = {},
): Promise<void> {
  const view = badgeFor(everywhere, 'everywhere', unstructured, looks);
  await paint(view);
  const painted = new Set([...(await paintedTabs.get()), ...Object.keys(tabActing)]);
  await Promise.all(
    [...painted].map(async (tab) => {
      const own = tabActing[tab];
      const work =
        own === undefined
          ? mirrorEverywhere(view, Number(tab))
          : paint(badgeFor(own, 'tab', unstructured, looks), Number(tab));
      // A tab closed since: its badge went with it, and it needs no more painting.
      await work.catch(() => painted.delete(tab));
    }),
  );
  await paintedTabs.set([...painted]);
}
