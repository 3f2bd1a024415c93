// What the popup shows of the group, as pure functions of the state it mirrors.
import {
  FRESH_FOR_MS,
  type Account,
  type Glances,
  type Group,
  type Member,
  type Operation,
  type WorkspaceLooks,
} from '../common/model';
import { favouritesFirst } from '../common/workspace-looks';
import { orderRows } from './attention';
import { filterMembers } from './search';

/**
 * A removal in flight hides its row at once; if the server refuses, the row comes back. One whose
 * outcome is unknown (state 'unknown') shows its row: it may still be there.
 */
export function visibleMembers(members: Member[], operations: Operation[]): Member[] {
  const removing = new Set(
    operations.filter((op) => op.kind === 'remove' && op.state === 'sending').map((op) => op.membershipId),
  );
  return removing.size ? members.filter((m) => !removing.has(m.membershipId)) : members;
}

/** The rows the popup lists, in its order: favourites first (the search keeps this order). */
export function listedMembers(members: Member[], operations: Operation[], looks: WorkspaceLooks): Member[] {
  return favouritesFirst(visibleMembers(members, operations), looks, (m) => m.workspaceId);
}

/**
 * The rows shown for a query, from listedMembers' rows: the search's ranking (favourites first
 * within a rank), or, with "Needs attention first" and nothing typed, attention order with the
 * favourites still pinned on top.
 */
export function shownRows(
  listed: Member[],
  query: string,
  looks: WorkspaceLooks,
  attentionFirst: boolean,
  glances: Glances,
): Member[] {
  const found = filterMembers(listed, query, looks);
  const ordered = orderRows(found, query, attentionFirst, glances);
  return ordered === found ? found : favouritesFirst(ordered, looks, (m) => m.workspaceId);
}

/**
 * Rows whose removal was sent but got no usable answer: shown, and marked as being checked
 * until a sync settles whether they are gone.
 */
export function checkingRemovals(operations: Operation[]): ReadonlySet<string> {
  return new Set(
    operations.flatMap((op) =>
      op.kind === 'remove' && op.state === 'unknown' && op.membershipId ? [op.membershipId] : [],
    ),
  );
}

/**
 * The stored group shows at once; a refresh runs behind it unless the group is fresh (opening
 * the popup fifty times a day must not list every member fifty times).
 */
export function needsRefresh(
  account: Account | null,
  group: Pick<Group, 'error' | 'syncedAt'>,
  now = Date.now(),
): boolean {
  return !!account && (!!group.error || !group.syncedAt || now - group.syncedAt > FRESH_FOR_MS);
}
