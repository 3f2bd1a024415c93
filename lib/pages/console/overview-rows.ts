// The console's overview: one row per sub workspace of every connected agency, as pure functions
// of the stored group (its figures join them by workspace id).
import { displayName, type Account, type Member, type MemberStatus, type WorkspaceLooks } from '../../common/model';
import { agencyNamesOf, agencyOf } from '../../common/agencies';
import { oneMembershipEach } from '../../common/memberships';
import { lookOf } from '../../common/workspace-looks';

export interface OverviewRow {
  workspaceId: string;
  /** The workspace's own name (its id when Instantly has none). */
  name: string;
  /** The user's label for it, when they gave one. */
  label?: string;
  /** The agency it is in, by name: only when more than one is connected. */
  agency?: string;
  status: MemberStatus;
}

/** Every agency's sub workspaces, once each, in the group's order. */
export function overviewRows(members: Member[], accounts: Account[], looks: WorkspaceLooks): OverviewRow[] {
  const names = agencyNamesOf(accounts);
  return oneMembershipEach(members).map((member) => {
    const label = lookOf(looks, member.workspaceId).label;
    const agency = agencyOf(member, accounts, names);
    return {
      workspaceId: member.workspaceId,
      name: displayName(member),
      ...(label ? { label } : {}),
      ...(agency ? { agency } : {}),
      status: member.status,
    };
  });
}
