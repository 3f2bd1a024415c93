// Keeps the stored group current: every page of the member list, then whatever follows from
// the change (an invitation accepted, an acted-as workspace removed or gone).
import { ApiError } from '../providers/api-error';
import { defaultClientFactory, type ClientFactory } from '../providers/instantly/client';
import { exclusive } from './queue';
import { explainInstantlyError } from '../providers/instantly/explain';
import { inspectKey, type Inspected } from '../providers/instantly/inspect-key';
import type { WorkspaceGroupMember } from '../providers/instantly/schemas';
import { tell } from './notices';
import { reconcile } from './reconcile';
import { done, failed, NOT_CONNECTED, type Reply } from '../shared/reply';
import { instantlyKey } from './secrets';
import { account, actingAs, group, tabActing } from '../shared/storage';
import { displayName, type Group, type Member, type TabChoices, type Target } from '../shared/model';
import { browser } from 'wxt/browser';
import { whenReady } from './lifecycle';
import { REFRESH_ALARM } from './refresh-alarm';
import { onRequest } from './requests';

export function toMember(item: WorkspaceGroupMember): Member {
  return {
    membershipId: item.id,
    workspaceId: item.sub_workspace_id,
    name: item.sub_workspace_name ?? null,
    status: item.status,
    addedAt: item.timestamp_created,
  };
}


function remedyFor(error: unknown): Group['remedy'] {
  if (!(error instanceof ApiError)) return undefined;
  if (error.kind === 'unauthorized') return 'new-key';
  return ['rate-limited', 'server', 'network', 'timeout'].includes(error.kind) ? 'retry' : undefined;
}

/** A target still acted as after a sync, with its current name; null if it can no longer be. */
function stillActable(target: Target, members: Member[]): Target | null {
  const member = members.find((m) => m.workspaceId === target.workspaceId && m.status === 'accepted');
  return member ? { workspaceId: member.workspaceId, name: displayName(member) } : null;
}

/**
 * Stops acting as workspaces that can no longer be acted as, and says so.
 * Call it inside exclusive(): it reads and writes the choices.
 */
export async function dropGoneTargets(members: Member[]) {
  const everywhere = await actingAs.get();
  if (everywhere) {
    const kept = stillActable(everywhere, members);
    await actingAs.set(kept);
    if (!kept) await tell(`Stopped acting as ${everywhere.name}: it is no longer an accepted sub workspace of this group (it was removed or left).`);
  }
  const tabs = await tabActing.get();
  const keptTabs: TabChoices = {};
  const dropped = new Set<string>();
  for (const [tab, target] of Object.entries(tabs)) {
    const kept = target === null ? null : stillActable(target, members);
    if (target === null || kept) keptTabs[tab] = kept;
    else dropped.add(target.name);
  }
  await tabActing.set(keptTabs);
  for (const name of dropped)
    await tell(`Stopped acting as ${name} in a tab: it is no longer an accepted sub workspace of this group (it was removed or left).`);
}

/**
 * Bumped by every local change to the member list (invite, remove). A sync that started before
 * one must not write its older list over it: it leaves the list to the next sync.
 */
let localChanges = 0;
export const noteLocalChange = () => {
  localChanges++;
};

let inFlight: { key: string | null; run: Promise<Reply> } | null = null;

/**
 * Refreshes the stored group. Calls while one runs for the same key share it, so a burst of
 * triggers is one sync; a new key gets a sync of its own.
 */
export async function syncGroup(makeClient: ClientFactory = defaultClientFactory): Promise<Reply> {
  const key = await instantlyKey.get();
  if (inFlight && inFlight.key === key) return inFlight.run;
  const run = runSync(makeClient, key).finally(() => {
    if (inFlight?.run === run) inFlight = null;
  });
  inFlight = { key, run };
  return run;
}

export const KEY_GONE =
  'The API key was kept only until the browser closed, so it is gone. Paste it again in the settings (tick “Remember on this device” to keep it).';

async function runSync(makeClient: ClientFactory, key: string | null): Promise<Reply> {
  const current = await account.get();
  if (!current) return failed(NOT_CONNECTED);
  if (!key) {
    await exclusive(async () => {
      const now = await group.get();
      // Still no key (none was saved meanwhile), and not already said.
      if (!(await instantlyKey.get()) && (await account.get()) && now.error !== KEY_GONE)
        await group.set({ ...now, error: KEY_GONE, remedy: 'new-key' });
    });
    return failed(KEY_GONE);
  }
  const startedAt = localChanges;
  const client = makeClient(key);
  let inspected: Inspected;
  let members: Member[];
  try {
    // Which side of a group the workspace is on can change (joined, left, removed): re-learn it.
    const found = await inspectKey(client, true);
    inspected = found.account;
    members = found.members.map(toMember);
  } catch (error) {
    const sentence = explainInstantlyError(error, 'list');
    await exclusive(async () => {
      if ((await instantlyKey.get()) === key) await group.set({ ...(await group.get()), error: sentence, remedy: remedyFor(error) });
    });
    return failed(sentence);
  }
  const accepted = await exclusive(async () => {
    // The key was replaced or forgotten meanwhile: this answer is about a workspace no longer shown.
    const now = await account.get();
    if ((await instantlyKey.get()) !== key || !now) return [];
    await account.set({ ...now, ...inspected, checkedAt: Date.now() });
    if (localChanges !== startedAt) return [];
    const previous = await group.get();
    const wasPending = new Set(previous.members.filter((m) => m.status === 'pending').map((m) => m.workspaceId));
    await group.set({ members, syncedAt: Date.now() });
    await dropGoneTargets(members);
    return members.filter((m) => m.status === 'accepted' && wasPending.has(m.workspaceId));
  });
  // Told outside the lock: a system notification must not hold up a switch.
  if (accepted.length === 1 && accepted[0]) await tell(`${displayName(accepted[0])} accepted your invitation: you can now act as it.`, { notify: true });
  if (accepted.length > 1)
    await tell(`${accepted.length} invitations were accepted (${accepted.map(displayName).join(', ')}): you can now act as them.`, { notify: true });
  await reconcile();
  return done;
}

export function setUpGroupSync(): void {
  onRequest('refresh', () => syncGroup());
  browser.runtime.onInstalled.addListener(() => whenReady('sync after install', () => syncGroup()));
  browser.runtime.onStartup.addListener(() => whenReady('sync at browser start', () => syncGroup()));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) whenReady('background refresh', () => syncGroup());
  });
}
