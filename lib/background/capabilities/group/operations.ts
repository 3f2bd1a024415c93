// The journal of group changes in flight (see `operations` in storage.ts), and how an entry
// whose outcome is unknown is settled from the server's state.
import { operations } from '../../../common/storage';
import { type Account, type Member, type Operation } from '../../../common/model';
import type { UnreadableRow } from '../../../providers/instantly/schemas';
import { serialQueue } from '../../worker/queue';

/** Ids are parsed (WorkspaceId, Uuid), so in one case whether from the server, typed or journalled. */
const sameId = (a: string | undefined, b: string | undefined) => a !== undefined && a === b;

/** Serialised read-modify-write, so two actions at once do not overwrite each other's entry. */
const writes = serialQueue();
const update = (change: (list: Operation[]) => Operation[]): Promise<void> =>
  writes(async () => operations.set(change(await operations.get())));

export async function begin(op: Omit<Operation, 'id' | 'at' | 'state' | 'cause'>): Promise<Operation> {
  const entry: Operation = { ...op, id: crypto.randomUUID(), at: Date.now(), state: 'sending' };
  await update((list) => [...list, entry]);
  return entry;
}

/**
 * Begins an action unless an entry of the same action on the same workspace is still sending or
 * being checked: the check and the write are one step of the journal's queue, so two popups
 * pressing at once send it once.
 */
export async function beginUnlessPending(
  op: Omit<Operation, 'id' | 'at' | 'state' | 'cause'>,
  matches: (op: Operation) => boolean,
): Promise<{ entry: Operation } | { open: Operation }> {
  const entry: Operation = { ...op, id: crypto.randomUUID(), at: Date.now(), state: 'sending' };
  return writes(async () => {
    const list = await operations.get();
    const open = list.find((other) => other.kind === op.kind && matches(other));
    if (open) return { open };
    await operations.set([...list, entry]);
    return { entry };
  });
}

/** The action is over (done or refused, and the user told): its entry goes. */
export function end(id: string): Promise<void> {
  return update((list) => list.filter((op) => op.id !== id));
}

/** Entries of a workspace being forgotten go, in the journal's queue like every other write. */
export function drop(gone: (op: Operation) => boolean): Promise<void> {
  return update((list) => list.filter((op) => !gone(op)));
}

/** Sent, but whether Instantly applied it is not known: kept for a sync to settle. */
export function markUnknown(id: string): Promise<void> {
  return update((list) => list.map((op) => (op.id === id ? { ...op, state: 'unknown', cause: 'no-answer' } : op)));
}

/**
 * Start-up, before any request is served: an entry still being sent belongs to a worker that
 * was stopped mid-action. Marked here, in the start-up gate, so an action the user starts just
 * after is never taken for one of these.
 */
export function markInterrupted(): Promise<void> {
  return update((list) =>
    list.map((op) => (op.state === 'sending' ? { ...op, state: 'unknown', cause: 'interrupted' } : op)),
  );
}

export interface ServerState {
  account: Pick<Account, 'workspaceId' | 'kind' | 'admin'>;
  members: Member[];
  unreadable: UnreadableRow[];
}

/** Whether an action went through, from a sync's fresh state; undefined when that cannot tell. */
export function wentThrough(op: Operation, server: ServerState): boolean | undefined {
  const { members, unreadable } = server;
  switch (op.kind) {
    case 'invite':
      if (members.some((m) => sameId(m.workspaceId, op.workspaceId) && m.status !== 'rejected')) return true;
      if (unreadable.some((r) => sameId(r.workspaceId, op.workspaceId))) return true;
      return unreadable.some((r) => r.workspaceId === undefined) ? undefined : false;
    case 'remove':
      if (members.some((m) => m.membershipId === op.membershipId)) return false;
      if (unreadable.some((r) => r.membershipId === op.membershipId)) return false;
      return unreadable.some((r) => r.membershipId === undefined) ? undefined : true;
    case 'leave': {
      if (server.account.kind !== 'sub') return true;
      const now = server.account.admin?.membershipId;
      return now !== undefined && now !== op.membershipId;
    }
  }
}

const VERB = { invite: 'Inviting', remove: 'Removing', leave: 'Leaving' } as const;

export function settledSentence(op: Operation, happened: boolean): string {
  const verb = VERB[op.kind];
  if (op.cause === 'interrupted')
    return happened
      ? `${verb} ${op.label} was interrupted, but Instantly had already done it.`
      : `${verb} ${op.label} was interrupted before Instantly got it: nothing changed. Try again if you still want to.`;
  return happened
    ? `${verb} ${op.label}: checked with Instantly, it went through.`
    : `${verb} ${op.label}: checked with Instantly, it did not go through, so nothing changed. Try again if you still want to.`;
}

/**
 * Settles the given entries (unknown when a sync began) from that sync's state: each settled
 * one is ended and its sentence returned; one the state cannot tell about is kept.
 */
export async function settle(unknown: Operation[], server: ServerState): Promise<string[]> {
  const told: string[] = [];
  for (const op of unknown) {
    if (op.accountId !== undefined && op.accountId !== server.account.workspaceId) {
      // The key now belongs to another workspace, whose state says nothing about this one.
      told.push(
        `Whether ${VERB[op.kind].toLowerCase()} ${op.label} went through could not be checked: the extension is now connected to another workspace. Check it in Instantly.`,
      );
      await end(op.id);
      continue;
    }
    const happened = wentThrough(op, server);
    if (happened === undefined) continue;
    told.push(settledSentence(op, happened));
    await end(op.id);
  }
  return told;
}
