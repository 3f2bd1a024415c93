// Invite, remove and leave: Instantly's workspace-group rules (api-facts A2) turned into
// actions with plain answers. Each is journalled (operations.ts) so that a worker stopped
// mid-way neither loses it nor sends it twice.
import { ApiError } from '../providers/api-error';
import { defaultClientFactory, type ClientFactory } from '../providers/instantly/client';
import { explainInstantlyError } from '../providers/instantly/explain';
import { isWorkspaceId, MALFORMED_ID } from '../shared/workspace-id';
import { exclusive } from './queue';
import { dropGoneTargets, noteLocalChange, syncGroup, toMember } from './group-sync';
import { tell } from './notices';
import { begin, end, interrupted } from './operations';
import { reconcile } from './reconcile';
import { done, failed, NOT_CONNECTED, type Reply } from '../shared/reply';
import { instantlyKey } from './secrets';
import { account, group } from '../shared/storage';
import { displayName, type Member } from '../shared/model';
import { onRequest } from './requests';

/** A failure the popup may no longer be open to show: kept among the notices too. */
async function failedAndTold(sentence: string): Promise<Reply> {
  await tell(sentence);
  return { ok: false, error: sentence, noticed: true };
}

async function connected(makeClient: ClientFactory) {
  const [key, current] = await Promise.all([instantlyKey.get(), account.get()]);
  return key && current ? { client: makeClient(key), current } : null;
}


/** Call inside exclusive(). */
async function setMembers(change: (members: Member[]) => Member[]) {
  noteLocalChange();
  const now = await group.get();
  await group.set({ ...now, members: change(now.members) });
}

export async function invite(rawId: string, makeClient: ClientFactory = defaultClientFactory): Promise<Reply> {
  const workspaceId = rawId.trim();
  if (!isWorkspaceId(workspaceId)) return failed(MALFORMED_ID);
  const session = await connected(makeClient);
  if (!session) return failed(NOT_CONNECTED);
  if (session.current.kind === 'sub')
    return failed('A sub workspace cannot invite: a workspace cannot be both an admin and a sub workspace. Leave the group first.');
  if (workspaceId === session.current.workspaceId) return failed('A workspace cannot invite itself.');
  const op = await begin({ kind: 'invite', workspaceId, label: workspaceId });
  try {
    const member = toMember(await session.client.invite(workspaceId));
    await exclusive(async () => {
      await setMembers((members) => [...members.filter((m) => m.workspaceId !== member.workspaceId), member]);
      const now = await account.get();
      if (now?.kind === 'standalone') await account.set({ ...now, kind: 'admin' });
    });
    await reconcile(); // a workspace that was in no group is an admin now: the menu appears
    return done;
  } catch (error) {
    return await failedAndTold(explainInstantlyError(error, 'invite'));
  } finally {
    await end(op.id);
  }
}

export async function remove(membershipId: string, makeClient: ClientFactory = defaultClientFactory): Promise<Reply> {
  const session = await connected(makeClient);
  if (!session) return failed(NOT_CONNECTED);
  const member = (await group.get()).members.find((m) => m.membershipId === membershipId);
  if (!member) return done; // already gone: what the user wanted
  const op = await begin({ kind: 'remove', membershipId, workspaceId: member.workspaceId, label: displayName(member) });
  try {
    await session.client.deleteMember(membershipId);
  } catch (error) {
    // Someone (or an earlier try) removed it already: the outcome the user asked for.
    if (!(error instanceof ApiError && error.kind === 'not-found')) {
      await end(op.id);
      return failedAndTold(`${displayName(member)} was not removed. ${explainInstantlyError(error, 'remove')}`);
    }
  }
  await exclusive(async () => {
    await setMembers((members) => members.filter((m) => m.membershipId !== membershipId));
    await dropGoneTargets((await group.get()).members);
  });
  await end(op.id);
  await reconcile();
  return done;
}

export async function leave(makeClient: ClientFactory = defaultClientFactory): Promise<Reply> {
  const session = await connected(makeClient);
  if (!session) return failed(NOT_CONNECTED);
  const { current } = session;
  const membershipId = current.admin?.membershipId;
  if (current.kind !== 'sub' || !membershipId) return failed('This workspace is not in a workspace group, so there is nothing to leave.');
  const op = await begin({ kind: 'leave', membershipId, label: current.admin?.name ?? 'the admin workspace' });
  try {
    await session.client.deleteMember(membershipId);
    await exclusive(async () => {
      const now = await account.get();
      if (now?.workspaceId === current.workspaceId) await account.set({ ...now, kind: 'standalone', admin: undefined });
    });
    return done;
  } catch (error) {
    return await failedAndTold(explainInstantlyError(error, 'leave'));
  } finally {
    await end(op.id);
  }
}

/**
 * Start-up: entries still "running" belong to a worker that was stopped mid-action. Whether
 * the server got the request is unknown, so ask the server, tell the user, and send nothing.
 */
export async function settleInterrupted(makeClient: ClientFactory = defaultClientFactory): Promise<void> {
  const stopped = await interrupted();
  if (stopped.length === 0) return;
  const synced = await syncGroup(makeClient);
  const [{ members }, current] = await Promise.all([group.get(), account.get()]);
  for (const op of stopped) {
    let happened: boolean | undefined;
    if (synced.ok && op.kind === 'invite') happened = members.some((m) => m.workspaceId === op.workspaceId && m.status !== 'rejected');
    if (synced.ok && op.kind === 'remove') happened = !members.some((m) => m.membershipId === op.membershipId);
    if (synced.ok && op.kind === 'leave') happened = current?.kind !== 'sub';
    const verb = { invite: 'Inviting', remove: 'Removing', leave: 'Leaving' }[op.kind];
    await tell(
      happened === undefined
        ? `${verb} ${op.label} was interrupted and could not be confirmed. Refresh to see whether it happened.`
        : happened
          ? `${verb} ${op.label} was interrupted, but Instantly had already done it.`
          : `${verb} ${op.label} was interrupted before Instantly got it: nothing changed. Try again if you still want to.`,
    );
    await end(op.id);
  }
}

export function setUpGroupActions(): void {
  onRequest('invite', (r) => invite(r.workspaceId));
  onRequest('remove', (r) => remove(r.membershipId));
  onRequest('leave', () => leave());
}
