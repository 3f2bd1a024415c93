// Connecting an Instantly key: check it, learn which side of a workspace group its workspace is
// on, and only then store it. A key that fails is never stored.
import { defaultClientFactory, type ClientFactory } from '../providers/instantly/client';
import { inspectKey, type Inspected } from '../providers/instantly/inspect-key';
import { explainInstantlyError } from '../providers/instantly/explain';
import { syncGroup } from './group-sync';
import { exclusive } from './queue';
import { reconcile } from './reconcile';
import { keepRefreshing } from './refresh-alarm';
import { done, failed, type Reply } from '../shared/reply';
import { instantlyKey } from './secrets';
import { clearNotices } from './notices';
import { forgetGlance } from './glance';
import { account, actingAs, group, tabActing } from '../shared/storage';
import { onRequest } from './requests';

async function clearWorkspaceState() {
  await Promise.all([group.remove(), actingAs.set(null), tabActing.set({}), clearNotices(), forgetGlance()]);
}

export async function saveKey(rawKey: string, remember: boolean, makeClient: ClientFactory = defaultClientFactory): Promise<Reply> {
  const key = rawKey.trim();
  if (!key) return failed('Paste an Instantly API key first.');
  if (/\s/.test(key)) return failed('An Instantly API key has no spaces in it. Check that you copied only the key.');
  let inspected: Inspected;
  try {
    inspected = (await inspectKey(makeClient(key))).account;
  } catch (error) {
    return failed(explainInstantlyError(error, 'check-key'));
  }
  await exclusive(async () => {
    const previous = await account.get();
    if (previous?.workspaceId !== inspected.workspaceId) await clearWorkspaceState();
    await instantlyKey.set(key, remember);
    await account.set({ ...inspected, remembered: remember, checkedAt: Date.now() });
  });
  // The old workspace's choices are gone: so must their rules be, whatever the sync does next.
  // The key is stored by now: if the browser refuses the rules, the refresh still gets set up,
  // and the reply says what happened (requests.ts turns RulesNotApplied into its sentence).
  try {
    await reconcile();
  } finally {
    await keepRefreshing(true);
    await syncGroup(makeClient);
  }
  return done;
}

export async function forgetKey(): Promise<Reply> {
  await exclusive(async () => {
    await instantlyKey.clear();
    await account.set(null);
    await clearWorkspaceState();
  });
  await keepRefreshing(false);
  await reconcile();
  return done;
}

export function setUpConnect(): void {
  onRequest('saveKey', (r) => saveKey(r.key, r.remember));
  onRequest('forgetKey', () => forgetKey());
}
