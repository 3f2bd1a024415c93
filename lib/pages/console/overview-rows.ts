// The console's overview: one row per sub workspace of every connected agency, as pure functions
// of the stored group (its figures join them by workspace id).
import {
  displayName,
  type Account,
  type Glances,
  type Member,
  type MemberStatus,
  type WorkspaceGlance,
  type WorkspaceLooks,
} from '../../common/model';
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

/** The overview's columns after the workspace, in the order (the table and the CSV). */
export const FIGURE_COLUMNS = [
  'Sent',
  'Replies',
  'Opportunities',
  'Meetings booked',
  'Unread',
  'Campaigns in trouble',
  'Mailboxes in trouble',
  'Leads used',
  'Figures from',
] as const;

/** What a row's figure cells say, each undefined while not read; the glance's figures until the console has its own. */
export function figureCells(
  row: OverviewRow,
  glance: WorkspaceGlance | undefined,
  fromAge: (at: number) => string,
): (string | number | undefined)[] {
  if (row.status !== 'accepted') return FIGURE_COLUMNS.map(() => undefined);
  return [
    undefined,
    undefined,
    undefined,
    undefined,
    glance?.unread,
    undefined,
    glance?.trouble,
    undefined,
    glance ? fromAge(glance.fetchedAt) : undefined,
  ];
}

/** The table as shown, as CSV's header and rows (the workspace's name, label, agency and status first). */
export function csvTable(
  rows: OverviewRow[],
  glances: Glances,
  fromAge: (at: number) => string,
): { header: string[]; lines: (string | number | undefined)[][] } {
  return {
    header: ['Workspace', 'Workspace ID', 'Label', 'Agency', 'Status', ...FIGURE_COLUMNS],
    lines: rows.map((row) => [
      row.name,
      row.workspaceId,
      row.label,
      row.agency,
      row.status,
      ...figureCells(row, glances[row.workspaceId], fromAge),
    ]),
  };
}
