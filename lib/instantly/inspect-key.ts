// Which workspace a key belongs to, and which side of a workspace group that workspace is on.
import { ApiError } from '../api-error';
import type { Account } from '../storage';
import type { InstantlyClient } from './client';

const tolerated = (error: unknown) =>
  // A key without the group scopes can still be connected; it just sees no group.
  error instanceof ApiError && (error.kind === 'forbidden' || error.kind === 'not-found');

export async function inspectKey(client: InstantlyClient): Promise<Omit<Account, 'remembered' | 'checkedAt'>> {
  // Instantly's own tools check a key with exactly this call (api-facts A4).
  const workspace = await client.currentWorkspace();
  const base = { workspaceId: workspace.id, workspaceName: workspace.name };
  const admin = await client.adminOfCurrent().catch((error) => {
    if (tolerated(error)) return null;
    throw error;
  });
  if (admin?.has_admin_workspace) {
    return {
      ...base,
      kind: 'sub',
      admin: { name: admin.workspace_name, membershipId: admin.workspace_group_member_id },
    };
  }
  const page = await client.listMembersPage({ limit: 1 }).catch((error) => {
    if (tolerated(error)) return { items: [] };
    throw error;
  });
  return { ...base, kind: page.items.length > 0 ? 'admin' : 'standalone' };
}
