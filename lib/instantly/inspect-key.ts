// Which workspace a key belongs to, and which side of a workspace group that workspace is on.
import { ApiError } from '../api-error';
import type { Account } from '../storage';
import type { InstantlyClient } from './client';
import type { WorkspaceGroupMember } from './schemas';

const tolerated = (error: unknown) =>
  // A key without the group scopes can still be connected; it just sees no group.
  error instanceof ApiError && (error.kind === 'forbidden' || error.kind === 'not-found');

const orNone = <T>(fallback: T) => (error: unknown) => {
  if (tolerated(error)) return fallback;
  throw error;
};

export type Inspected = Omit<Account, 'remembered' | 'checkedAt'>;

/**
 * @param listMembers how to learn whether the workspace has sub workspaces: a one-item page when
 *   only checking the key; the whole list when syncing (which needs it anyway: one request less).
 */
export async function inspectKey(
  client: InstantlyClient,
  listMembers: () => Promise<WorkspaceGroupMember[]> = async () => (await client.listMembersPage({ limit: 1 })).items,
): Promise<{ account: Inspected; members: WorkspaceGroupMember[] }> {
  // Instantly's own tools check a key with exactly this call (api-facts A4).
  const workspace = await client.currentWorkspace();
  const base = { workspaceId: workspace.id, workspaceName: workspace.name };
  const admin = await client.adminOfCurrent().catch(orNone(null));
  if (admin?.has_admin_workspace) {
    return {
      account: { ...base, kind: 'sub', admin: { name: admin.workspace_name, membershipId: admin.workspace_group_member_id } },
      members: [],
    };
  }
  // A workspace cannot be both admin and sub (api-facts A2): only a non-sub can have members.
  const members = await listMembers().catch(orNone([]));
  return { account: { ...base, kind: members.length > 0 ? 'admin' : 'standalone' }, members };
}
