// What the popup shows of the group, as pure functions of the state it mirrors.
import { FRESH_FOR_MS, type Account, type Group, type Member, type Operation } from '../shared/model';

/**
 * A removal in flight hides its row at once; if the server refuses, the row comes back. One whose
 * outcome is unknown (state 'unknown') shows its row: it may still be there.
 */
export function visibleMembers(members: Member[], operations: Operation[]): Member[] {
  const removing = new Set(operations.filter((op) => op.kind === 'remove' && op.state === 'sending').map((op) => op.membershipId));
  return removing.size ? members.filter((m) => !removing.has(m.membershipId)) : members;
}

/**
 * Rows whose removal was sent but got no usable answer: shown, and marked as being checked
 * until a sync settles whether they are gone.
 */
export function checkingRemovals(operations: Operation[]): ReadonlySet<string> {
  return new Set(operations.flatMap((op) => (op.kind === 'remove' && op.state === 'unknown' && op.membershipId ? [op.membershipId] : [])));
}

/**
 * The stored group shows at once; a refresh runs behind it unless the group is fresh (opening
 * the popup fifty times a day must not list every member fifty times).
 */
export function needsRefresh(account: Account | null, group: Pick<Group, 'error' | 'syncedAt'>, now = Date.now()): boolean {
  return !!account && (!!group.error || !group.syncedAt || now - group.syncedAt > FRESH_FOR_MS);
}
