// Invite, remove and leave: Instantly's workspace-group rules (docs/instantly-api.md#workspace-groups) turned into
// actions with plain answers. Each is journalled (operations.ts) so that one whose outcome is
// unknown (no answer, or a worker stopped mid-way) is neither lost nor sent twice.
import { ApiError } from '../../../providers/api-error';
import { defaultClientFactory, type ClientFactory } from '../../../providers/instantly/client';
import { explainInstantlyError } from '../../../providers/instantly/explain';
import { MALFORMED_ID, parseWorkspaceId } from '../../../common/workspace-id';
import { exclusive } from '../../worker/queue';
import { dropGoneTargets, noteLocalChange, syncGroup, toMember } from './group-sync';
import { tell } from '../notices';
import { beginUnlessPending, end, markUnknown } from './operations';
import { checkSoon } from '../../worker/alarms';
import { reconcile } from '../../projection/reconcile';
import { done, failed, NOT_CONNECTED, type Reply } from '../../../common/reply';
import { instantlyKey } from '../../worker/secrets';
import { accounts, group, operations } from '../../../common/storage';
import { adminIdOf, agenciesOf, displayName, type Account, type Member, type Operation } from '../../../common/model';
import { onRequest } from '../../worker/message-router';

/** A failure the popup may no longer be open to show: kept among the notices too. */
async function failedAndTold(sentence: string): Promise<Reply> {
  await tell(sentence);
  return { ok: false, error: sentence, noticed: true };
}

/**
 * Instantly applied the change: a local write that fails afterwards (storage full, a browser
 * refusing the write) must not be answered "nothing was changed". The journal entry ends (the
 * server's state is known), a sync soon brings this device up to date, and the user hears both
 * halves. Null when the write went through.
 */
async function savedLocally(op: Operation, applied: string, write: () => Promise<void>): Promise<Reply | null> {
  try {
    await write();
    return null;
  } catch {
    await end(op.id).catch(() => undefined);
    await checkSoon().catch(() => undefined);
    const sentence = `${applied}, but the browser refused to save that on this device. Refresh to see it.`;
    await tell(sentence).catch(() => undefined);
    return { ok: false, error: sentence, noticed: true };
  }
}

/** A connected workspace with its key: the one given, or the only one `fits` allows. */
async function connected(makeClient: ClientFactory, pick: (list: Account[]) => Account | undefined) {
  const current = pick(await accounts.get());
  const key = current ? await instantlyKey(current.workspaceId).get() : null;
  return key && current ? { client: makeClient(key), current } : null;
}

const byId = (id: string | undefined) => (list: Account[]) =>
  id === undefined ? undefined : list.find((a) => a.workspaceId === id);

/** Writes a connected workspace's change, if it is still connected. Call inside exclusive(). */
async function updateAccount(id: string, change: (a: Account) => Account) {
  const list = await accounts.get();
  if (list.some((a) => a.workspaceId === id))
    await accounts.set(list.map((a) => (a.workspaceId === id ? change(a) : a)));
}

/** Call inside exclusive(). */
async function setMembers(change: (members: Member[]) => Member[]) {
  noteLocalChange();
  const now = await group.get();
  await group.set({ ...now, members: change(now.members) });
}

/**
 * A failure after which the request may or may not have been applied: no answer in time, an
 * error 5xx, a connection that broke off (it may have died before or after the server got the
 * request), an answer that could not be read. A 4xx is a known refusal. (docs/instantly-api.md#errors)
 */
function unknownOutcome(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.kind) {
    case 'timeout':
      return 'Instantly did not answer in time';
    case 'server':
      return `Instantly had a problem answering (error ${error.status ?? '5xx'}), so it is not known whether it went through`;
    case 'network':
      return 'the connection to Instantly broke off, so it is not known whether it went through';
    case 'invalid-response':
      return 'Instantly’s answer could not be read, so it is not known whether it went through';
    default:
      return null;
  }
}

/**
 * The outcome is unknown: the entry stays (a sync settles it from the server's state and tells
 * the user), a sync is scheduled to do that soon, and nothing is sent again.
 */
async function checking(op: Operation, why: string): Promise<Reply> {
  await markUnknown(op.id);
  await checkSoon();
  return failedAndTold(`${VERB[op.kind]} ${op.label}: ${why}; checking whether it went through…`);
}

/** The request failed: unknown outcome, the entry stays to be checked; any other, it ends and `sentence` is told. */
async function requestFailed(op: Operation, error: unknown, sentence: string): Promise<Reply> {
  const why = unknownOutcome(error);
  if (why) return checking(op, why);
  await end(op.id);
  return failedAndTold(sentence);
}

const VERB = { invite: 'Inviting', remove: 'Removing', leave: 'Leaving' } as const;

const stillChecking = (op: Operation) =>
  failed(
    `Still checking whether ${VERB[op.kind].toLowerCase()} ${op.label} went through, so it is not sent again. Refresh to check now.`,
  );

export const CHOOSE_AGENCY = 'Choose the agency to invite it to.';

/** @param adminId the connected workspace to invite to; needed only when several could. */
export async function invite(
  rawId: string,
  makeClient: ClientFactory = defaultClientFactory,
  adminId?: string,
): Promise<Reply> {
  // Parsed, so one typed in upper case is the same workspace as the server's.
  const workspaceId = parseWorkspaceId(rawId);
  if (workspaceId === null) return failed(MALFORMED_ID);
  const list = await accounts.get();
  if (adminId === undefined && agenciesOf(list).length > 1) return failed(CHOOSE_AGENCY);
  const session = await connected(
    makeClient,
    adminId === undefined ? (all) => agenciesOf(all)[0] ?? all[0] : byId(adminId),
  );
  if (!session) return failed(NOT_CONNECTED);
  if (session.current.kind === 'sub')
    return failed(
      'A sub workspace cannot invite: a workspace cannot be both an admin and a sub workspace. Leave the group first.',
    );
  if (workspaceId === session.current.workspaceId) return failed('A workspace cannot invite itself.');
  const begun = await beginUnlessPending(
    { kind: 'invite', workspaceId, label: workspaceId, accountId: session.current.workspaceId },
    (op) => op.workspaceId === workspaceId,
  );
  if ('open' in begun) return stillChecking(begun.open);
  const op = begun.entry;
  let member: Member;
  try {
    member = {
      ...toMember(await session.client.invite(workspaceId)),
      adminId: session.current.workspaceId,
    };
  } catch (error) {
    return requestFailed(op, error, explainInstantlyError(error, 'invite'));
  }
  const unsaved = await savedLocally(op, `Invitation sent to ${displayName(member)}`, () =>
    exclusive(async () => {
      await setMembers((members) => [...members.filter((m) => m.workspaceId !== member.workspaceId), member]);
      await updateAccount(session.current.workspaceId, (now) =>
        now.kind === 'standalone' ? { ...now, kind: 'admin' } : now,
      );
    }),
  );
  if (unsaved) return unsaved;
  // Ended before the rules: Instantly's answer is known, so a browser refusing the rules must not
  // leave the entry behind to refuse the next invitation.
  await end(op.id);
  // A workspace that was in no group is an admin now: its right-click menu appears at once.
  await reconcile();
  return { ok: true, invited: { membershipId: member.membershipId, name: displayName(member) } };
}

export async function remove(membershipId: string, makeClient: ClientFactory = defaultClientFactory): Promise<Reply> {
  const member = (await group.get()).members.find((m) => m.membershipId === membershipId);
  if (!member) return (await accounts.get()).length > 0 ? done : failed(NOT_CONNECTED); // already gone: what the user wanted
  // With the key of the agency whose group it is in.
  const session = await connected(makeClient, (list) => byId(adminIdOf(member, list))(list));
  if (!session) return failed(NOT_CONNECTED);
  const begun = await beginUnlessPending(
    {
      kind: 'remove',
      membershipId,
      workspaceId: member.workspaceId,
      label: displayName(member),
      accountId: session.current.workspaceId,
    },
    (op) => op.membershipId === membershipId,
  );
  if ('open' in begun) return stillChecking(begun.open);
  const op = begun.entry;
  try {
    await session.client.deleteMember(membershipId);
  } catch (error) {
    // Someone (or an earlier try) removed it already: the outcome the user asked for.
    if (!(error instanceof ApiError && error.kind === 'not-found')) {
      return requestFailed(
        op,
        error,
        `${displayName(member)} was not removed. ${explainInstantlyError(error, 'remove')}`,
      );
    }
  }
  const unsaved = await savedLocally(op, `${displayName(member)} was removed from the group`, () =>
    exclusive(async () => {
      await setMembers((members) => members.filter((m) => m.membershipId !== membershipId));
      await dropGoneTargets((await group.get()).members);
    }),
  );
  if (unsaved) return unsaved;
  await end(op.id);
  await reconcile();
  return done;
}

/** @param accountId the connected sub workspace to leave its group; needed only when several are connected. */
export async function leave(makeClient: ClientFactory = defaultClientFactory, accountId?: string): Promise<Reply> {
  const session = await connected(
    makeClient,
    accountId === undefined ? (list) => list.find((a) => a.kind === 'sub') ?? list[0] : byId(accountId),
  );
  if (!session) return failed(NOT_CONNECTED);
  const { current } = session;
  const membershipId = current.admin?.membershipId;
  if (current.kind !== 'sub' || !membershipId)
    return failed('This workspace is not in a workspace group, so there is nothing to leave.');
  const begun = await beginUnlessPending(
    {
      kind: 'leave',
      membershipId,
      label: current.admin?.name ?? 'the admin workspace',
      accountId: current.workspaceId,
    },
    (op) => op.membershipId === membershipId,
  );
  if ('open' in begun) return stillChecking(begun.open);
  const op = begun.entry;
  try {
    await session.client.deleteMember(membershipId);
  } catch (error) {
    return requestFailed(op, error, explainInstantlyError(error, 'leave'));
  }
  const unsaved = await savedLocally(op, `This workspace left ${current.admin?.name ?? 'its workspace group'}`, () =>
    exclusive(async () => {
      await updateAccount(current.workspaceId, (now) => ({ ...now, kind: 'standalone', admin: undefined }));
    }),
  );
  if (unsaved) return unsaved;
  await end(op.id);
  return done;
}

/**
 * After start-up: entries whose outcome is unknown (marked interrupted by start-up, or left
 * unknown by an action that got no usable answer) are settled by a sync from the server's
 * state (group-sync), and the user told; if Instantly cannot be asked, they wait for the next
 * sync. Nothing is sent again.
 */
export async function settleInterrupted(makeClient: ClientFactory = defaultClientFactory): Promise<void> {
  if (!(await operations.get()).some((op) => op.state === 'unknown')) return;
  await syncGroup(makeClient);
}

export function setUpGroupActions(): void {
  onRequest('invite', (r) => invite(r.workspaceId, defaultClientFactory, r.adminId));
  onRequest('remove', (r) => remove(r.membershipId));
  onRequest('leave', (r) => leave(defaultClientFactory, r.accountId));
}
