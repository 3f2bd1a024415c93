// Which workspace a key belongs to, and which side of a workspace group that workspace is on.
import { ApiError } from '../api-error';
import type { Account } from '../../common/model';
import { PAGE_LIMIT, type InstantlyClient } from './client';
import type { UnreadableRow, WorkspaceGroupMember } from './schemas';

const tolerated = (error: unknown) =>
  // A key without the group scopes can still be connected; it just sees no group.
  error instanceof ApiError && (error.kind === 'forbidden' || error.kind === 'not-found');

const orNone =
  <T>(fallback: T) =>
  (error: unknown) => {
    if (tolerated(error)) return fallback;
    throw error;
  };

export type Inspected = Omit<Account, 'remembered' | 'checkedAt'>;

/**
 * @param whole list every member (a sync needs them anyway: one request less than a probe
 *   first); otherwise one item is enough to tell an admin workspace.
 */
export async function inspectKey(
  client: InstantlyClient,
  whole = false,
): Promise<{ account: Inspected; members: WorkspaceGroupMember[]; unreadable: UnreadableRow[] }> {
  // Instantly's own tools check a key with exactly this call (docs/instantly-api.md#current-workspace).
  const workspace = await client.currentWorkspace();
  const base = { workspaceId: workspace.id, workspaceName: workspace.name };
  const admin = await client.adminOfCurrent().catch(orNone(null));
  if (admin?.has_admin_workspace) {
    return {
      account: {
        ...base,
        kind: 'sub',
        admin: { name: admin.workspace_name, membershipId: admin.workspace_group_member_id },
      },
      members: [],
      unreadable: [],
    };
  }
  // A workspace cannot be both admin and sub (docs/instantly-api.md#workspace-groups): only a non-sub can have members.
  // Only the first page's refusal means "no group access"; a later page failing is a failure.
  const first = await client.listMembersPage({ limit: whole ? PAGE_LIMIT : 1 }).catch(orNone(null));
  const hasMembers = !!first && first.rows.length > 0;
  // A row the extension cannot read is still a member: the workspace is an admin workspace.
  const kind = hasMembers ? 'admin' : 'standalone';
  if (!first || !hasMembers) return { account: { ...base, kind }, members: [], unreadable: [] };
  const list = whole ? await client.listAllMembers(first) : { members: first.items, unreadable: first.unreadable };
  return { account: { ...base, kind }, ...list };
}
