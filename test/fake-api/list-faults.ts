// Pages of GET /api/v2/workspace-group-members as a broken server might give them: rows the
// schema does not allow, a cursor that never ends, a cursor that never moves (control.ts lists
// the faults). The good rows come from the Store as usual; the made-up ones have ids from a
// range of their own (after every real id, so a cursor on them pages past the real members).
import type { ListFault } from './control';
import { counterUuid, type Caller, type MemberPageBody, type Store, type WorkspaceGroupMemberBody } from './store';

/** Counter values of made-up rows: far beyond any store's own counter. */
const PHANTOM_BASE = 0xf00000000000;

/** A row as the fault sends it: looser than WorkspaceGroupMemberBody on purpose. */
type FaultyMemberBody = Omit<WorkspaceGroupMemberBody, 'status' | 'sub_workspace_id'> & {
  status: string;
  sub_workspace_id: string | null;
};

export interface FaultyPage {
  items: FaultyMemberBody[];
  next_starting_after?: string;
}

export function faultyMemberPage(
  fault: ListFault,
  store: Store,
  caller: Caller,
  query: { limit: number; startingAfter: string | undefined },
  nextPhantom: () => number,
): FaultyPage {
  const page: MemberPageBody = store.listMemberships(caller, query.limit, query.startingAfter);
  const phantom = (status: string, subWorkspaceId: string | null, name: string | null): FaultyMemberBody => {
    const n = PHANTOM_BASE + nextPhantom();
    const now = store.timestamp();
    return {
      id: counterUuid('membership', n),
      admin_workspace_id: caller.workspace.id,
      sub_workspace_id: subWorkspaceId,
      status,
      timestamp_created: now,
      timestamp_updated: now,
      sub_workspace_name: name,
      admin_workspace_name: caller.workspace.name,
    };
  };

  switch (fault.kind) {
    case 'malformed-members': {
      if (page.items.length === 0) return page;
      const invited = phantom('invited', counterUuid('workspace', PHANTOM_BASE + nextPhantom()), 'Invited Client');
      const orphan = phantom('accepted', null, null);
      // Among the good rows, never last: the cursor stays a real member's id.
      const items: FaultyMemberBody[] = [...page.items];
      items.splice(items.length - 1, 0, invited);
      items.splice(Math.floor(items.length / 2), 0, orphan);
      return { ...page, items };
    }
    case 'endless-cursor': {
      if (page.items.length > 0) return page;
      const items = Array.from({ length: query.limit }, () => {
        const sub = counterUuid('workspace', PHANTOM_BASE + nextPhantom());
        return phantom('accepted', sub, `Phantom client ${sub.slice(-6)}`);
      });
      return { items, next_starting_after: items.at(-1)?.id };
    }
    case 'repeating-cursor': {
      if (query.startingAfter === undefined) return page;
      const items = page.items.length > 0 ? page.items : store.listMemberships(caller, query.limit, undefined).items;
      return items.length > 0 ? { items, next_starting_after: query.startingAfter } : { items };
    }
  }
}
