// Connecting Instantly keys: check one, learn which side of a workspace group its workspace is
// on, and only then store it, beside the workspaces already connected (a key for one of those
// replaces its key). A key that fails is never stored. Forgetting one workspace takes exactly
// its state with it: its key, its rows, the choices and journal entries that concern them.
import { defaultClientFactory, type ClientFactory } from '../../providers/instantly/client';
import { inspectKey, type Inspected } from '../../providers/instantly/inspect-key';
import { explainInstantlyError } from '../../providers/instantly/explain';
import { KEY_GONE, syncAccount } from './group/group-sync';
import { exclusive } from '../worker/queue';
import { reconcile } from '../projection/reconcile';
import { keepRefreshing } from '../worker/alarms';
import { done, failed, NOT_CONNECTED, type Reply } from '../../common/reply';
import { instantlyKey, stored } from '../worker/secrets';
import { clearNotices } from './notices';
import { forgetGlance } from './glance';
import { accounts, actingAs, group, tabActing } from '../../common/storage';
import { drop } from './group/operations';
import { adminIdOf, groupStatusOf, type Account, type TabChoices, type Target } from '../../common/model';
import { onRequest } from '../worker/message-router';

const sameWorkspace = (a: string, b: string) => a === b;

export async function saveKey(
  rawKey: string,
  remember: boolean,
  makeClient: ClientFactory = defaultClientFactory,
): Promise<Reply> {
  const key = rawKey.trim();
  if (!key) return failed('Paste an Instantly API key first.');
  if (/\s/.test(key)) return failed('An Instantly API key has no spaces in it. Check that you copied only the key.');
  let inspected: Inspected;
  try {
    inspected = (await inspectKey(makeClient(key))).account;
  } catch (error) {
    return failed(explainInstantlyError(error, 'check-key'));
  }
  const refused = await exclusive(async () => {
    const list = await accounts.get();
    const previous = list.find((a) => sameWorkspace(a.workspaceId, inspected.workspaceId));
    const saved: Account = { ...previous, ...inspected, remembered: remember, checkedAt: Date.now() };
    // A key for a workspace already connected replaces that one's key (and its Remember choice).
    if (!(await stored(instantlyKey(inspected.workspaceId), key, remember)))
      return `The browser refused to store the key (its storage may be full), so nothing was saved${previous ? `: the key saved before for ${previous.workspaceName} stays` : ''}.`;
    await accounts.set(previous ? list.map((a) => (a === previous ? saved : a)) : [...list, saved]);
    return null;
  });
  if (refused) return failed(refused);
  // The key is stored by now: if the browser refuses the rules, the refresh still gets set up,
  // and the reply says what happened (worker/message-router.ts turns RulesNotApplied into its sentence).
  try {
    await reconcile();
  } finally {
    await keepRefreshing(true);
    await syncAccount(inspected.workspaceId, makeClient);
  }
  return done;
}

/** Whether a choice is a sub workspace listed by the workspace being forgotten. */
function concerns(target: Target | null, gone: Set<string>): boolean {
  return target !== null && gone.has(target.workspaceId);
}

/**
 * Forgets one connected workspace (by id), or the only one. Its key, its rows, every choice
 * (everywhere and per tab) of one of its sub workspaces, its journal entries and its glance
 * figures go; the other workspaces' are untouched.
 */
export async function forgetKey(workspaceId?: string): Promise<Reply> {
  const reply = await exclusive(async (): Promise<Reply> => {
    const list = await accounts.get();
    const leaving =
      workspaceId === undefined
        ? list.length === 1
          ? list[0]
          : undefined
        : list.find((a) => sameWorkspace(a.workspaceId, workspaceId));
    if (!leaving)
      return failed(workspaceId === undefined && list.length > 1 ? 'Choose which workspace to forget.' : NOT_CONNECTED);
    const id = leaving.workspaceId;
    const rest = list.filter((a) => a !== leaving);
    await instantlyKey(id).clear();
    const now = await group.get();
    const mine = (m: (typeof now.members)[number]) => adminIdOf(m, list) === id;
    const gone = new Set(now.members.filter(mine).map((m) => m.workspaceId));
    // The glance stops now (it may be reading one of these); the others' figures stay.
    await forgetGlance(rest.length === 0 ? 'all' : gone);
    await accounts.set(rest);
    if (rest.length === 0) await group.remove();
    else await group.set({ ...now, ...groupStatusOf(rest), members: now.members.filter((m) => !mine(m)) });
    if (concerns(await actingAs.get(), gone)) await actingAs.set(null);
    const tabs = await tabActing.get();
    const kept: TabChoices = Object.fromEntries(Object.entries(tabs).filter(([, target]) => !concerns(target, gone)));
    if (Object.keys(kept).length !== Object.keys(tabs).length) await tabActing.set(kept);
    // An entry that names no workspace stays while one is connected: a later sync settles it.
    await drop((op) => (op.accountId === undefined ? rest.length === 0 : sameWorkspace(op.accountId, id)));
    if (rest.length === 0) await clearNotices();
    return done;
  });
  if (!reply.ok) return reply;
  await keepRefreshing((await accounts.get()).length > 0);
  await reconcile();
  return done;
}

/** A connected workspace's own Remember choice: its key moves to the other storage area. */
export async function rememberKey(workspaceId: string, remember: boolean): Promise<Reply> {
  return exclusive(async () => {
    const list = await accounts.get();
    const which = list.find((a) => sameWorkspace(a.workspaceId, workspaceId));
    const key = which ? await instantlyKey(which.workspaceId).get() : null;
    if (!which) return failed(NOT_CONNECTED);
    if (!key) return failed(KEY_GONE);
    if (!(await stored(instantlyKey(which.workspaceId), key, remember)))
      return failed(
        `The browser refused to move the key of ${which.workspaceName} ${remember ? 'to this device' : 'out of this device’s storage'} (its storage may be full), so it stays where it was: ${which.remembered ? 'remembered on this device' : 'kept until the browser closes'}.`,
      );
    await accounts.set(list.map((a) => (a === which ? { ...a, remembered: remember } : a)));
    return done;
  });
}

export function setUpConnect(): void {
  onRequest('rememberKey', (r) => rememberKey(r.workspaceId, r.remember));
  onRequest('saveKey', (r) => saveKey(r.key, r.remember));
  onRequest('forgetKey', (r) => forgetKey(r.workspaceId));
}
