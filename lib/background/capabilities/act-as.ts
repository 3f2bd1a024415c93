// Choosing whom requests go out as: a sub workspace (everywhere, or in one tab), or the admin
// workspace again. Only accepted members can be acted as: Instantly honours the header only
// for them, and the official kit sends it only for them (docs/instantly-api.md#x-as-workspace).
import { exclusive } from '../worker/queue';
import { reconcile } from '../projection/reconcile';
import { cannotActAs } from '../../common/act-as-refusal';
import { done, failed, type Reply } from '../../common/reply';
import { actingAs, group, tabActing } from '../../common/storage';
import { displayName, type Target } from '../../common/model';
import { membershipOf } from '../../common/memberships';
import { browser } from 'wxt/browser';
import { whenReady } from '../worker/start-up-gate';
import { onRequest } from '../worker/message-router';

export async function targetFor(workspaceId: string): Promise<Target | string> {
  const { members } = await group.get();
  const member = membershipOf(members, workspaceId);
  if (!member) return 'That workspace is not in your workspace group any more. Refresh the list and try again.';
  if (member.status !== 'accepted') return cannotActAs(displayName(member), member.status);
  return { workspaceId: member.workspaceId, name: displayName(member) };
}

/**
 * @param workspaceId the sub workspace, or null for the admin workspace itself.
 * @param tabId act in this tab only (null there overrides a sub workspace chosen everywhere);
 *   without it, everywhere.
 */
export async function actAs(workspaceId: string | null, tabId?: number): Promise<Reply> {
  const reply = await exclusive(async () => {
    let target: Target | null = null;
    if (workspaceId !== null) {
      const found = await targetFor(workspaceId);
      if (typeof found === 'string') return failed(found);
      target = found;
    }
    if (tabId === undefined) await actingAs.set(target);
    else await tabActing.set({ ...(await tabActing.get()), [String(tabId)]: target });
    return done;
  });
  if (reply.ok) await reconcile();
  return reply;
}

/** The tab follows the everywhere choice again; also when it closes (its session rule goes too). */
export async function forgetTab(tabId: number): Promise<Reply> {
  const changed = await exclusive(async () => {
    const tabs = await tabActing.get();
    if (!(String(tabId) in tabs)) return false;
    const { [String(tabId)]: _forgotten, ...rest } = tabs;
    await tabActing.set(rest);
    return true;
  });
  if (changed) await reconcile();
  return done;
}

/**
 * A browser may drop a tab's own badge when the tab navigates (tab-specific action state is
 * per page in Firefox and Chromium), so a tab with its own choice is painted again.
 */
export async function repaintTab(tabId: number): Promise<void> {
  if (String(tabId) in (await tabActing.get())) await reconcile();
}

export function setUpActAs(): void {
  onRequest('actAs', (r) => actAs(r.workspaceId, r.tabId));
  onRequest('followEverywhere', (r) => forgetTab(r.tabId));
  browser.tabs.onRemoved.addListener((tabId) => whenReady('forget a closed tab', () => forgetTab(tabId)));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') whenReady('repaint a tab', () => repaintTab(tabId));
  });
}
