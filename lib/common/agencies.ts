// Several agencies: which agency a row is in (popup rows, menu items), and whose key a page must bring.
import { adminIdOf, type Account, type Member, type Target } from './model';

/** Admin workspaces' names by id, only when more than one is connected; else null. */
export function agencyNamesOf(accounts: Account[]): Map<string, string> | null {
  const admins = accounts.filter((a) => a.kind === 'admin');
  return admins.length > 1 ? new Map(admins.map((a) => [a.workspaceId, a.workspaceName])) : null;
}

/** The agency a row is in, by name; undefined with one agency. */
export function agencyOf(member: Member, accounts: Account[], names: Map<string, string> | null): string | undefined {
  return names?.get(adminIdOf(member, accounts) ?? '');
}

/**
 * Instantly honours x-as-workspace only for a sub workspace of the key's own workspace
 * (docs/instantly-api.md#x-as-workspace): with several agencies, a page must use the right one's key.
 */
export function keyNoteOf(
  target: Target,
  members: Member[],
  accounts: Account[],
  names: Map<string, string> | null,
): string | undefined {
  const member = members.find((m) => m.workspaceId === target.workspaceId);
  const agency = member ? agencyOf(member, accounts, names) : undefined;
  return agency ? `Pages must use ${agency}'s key` : undefined;
}
