// Keeps the stored group current: every page of the member list, then whatever follows from
// the change (an invitation accepted, an acted-as workspace removed or gone).
import { ApiError } from './api-error';
import { defaultClientFactory, type ClientFactory } from './instantly/client';
import { explainInstantlyError } from './instantly/explain';
import { inspectKey } from './instantly/inspect-key';
import type { WorkspaceGroupMember } from './instantly/schemas';
import { tell } from './notify';
import { reconcile } from './reconcile';
import { done, failed, type Reply } from './result';
import { instantlyKey } from './secrets';
import {
  account,
  actingAs,
  displayName,
  group,
  tabActing,
  type Group,
  type Member,
  type TabChoices,
  type Target,
} from './storage';

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
  return ['rate-limited', 'server', 'network'].includes(error.kind) ? 'retry' : undefined;
}

/** A target still acted as after a sync, with its current name; null if it can no longer be. */
function stillActable(target: Target, members: Member[]): Target | null {
  const member = members.find((m) => m.workspaceId === target.workspaceId && m.status === 'accepted');
  return member ? { workspaceId: member.workspaceId, name: displayName(member) } : null;
}

/** Stops acting as workspaces that can no longer be acted as, and says so. */
export async function dropGoneTargets(members: Member[]) {
  const everywhere = await actingAs.get();
  if (everywhere) {
    const kept = stillActable(everywhere, members);
    await actingAs.set(kept);
    if (!kept) await tell(`Stopped acting as ${everywhere.name}: it is no longer an accepted sub workspace of this group (it was removed or left).`);
  }
  const tabs = await tabActing.get();
  const keptTabs: TabChoices = {};
  for (const [tab, target] of Object.entries(tabs)) {
    const kept = target === null ? null : stillActable(target, members);
    if (target === null || kept) keptTabs[tab] = kept;
  }
  await tabActing.set(keptTabs);
}

export async function syncGroup(makeClient: ClientFactory = defaultClientFactory): Promise<Reply> {
  const [key, current] = await Promise.all([instantlyKey.get(), account.get()]);
  if (!key || !current) return failed('Connect an Instantly API key in the settings first.');
  const client = makeClient(key);
  const previous = await group.get();
  try {
    // Which side of a group the workspace is on can change (joined, left, removed): re-learn it.
    const inspected = await inspectKey(client);
    await account.set({ ...current, ...inspected, checkedAt: Date.now() });
    const items = inspected.kind === 'admin' ? await client.listAllMembers() : [];
    const members = items.map(toMember);
    const wasPending = new Set(previous.members.filter((m) => m.status === 'pending').map((m) => m.workspaceId));
    await group.set({ members, syncedAt: Date.now() });
    for (const member of members) {
      if (member.status === 'accepted' && wasPending.has(member.workspaceId))
        await tell(`${displayName(member)} accepted your invitation: you can now act as it.`, { notify: true });
    }
    await dropGoneTargets(members);
    await reconcile();
    return done;
  } catch (error) {
    const sentence = explainInstantlyError(error, 'list');
    await group.set({
      ...previous,
      error: sentence,
      remedy: remedyFor(error),
    });
    return failed(sentence);
  }
}
