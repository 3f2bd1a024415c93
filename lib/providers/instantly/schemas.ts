// Shapes from Instantly's OpenAPI document (lib/build/instantly-openapi.json). Unknown fields are
// dropped rather than refused, so a field Instantly adds later does not break the extension.
import { z } from 'zod/mini';
import { MemberStatus } from '../../common/model';
import { Uuid, WorkspaceId } from '../../common/workspace-id';

export const WorkspaceGroupMember = z.object({
  id: Uuid,
  admin_workspace_id: WorkspaceId,
  sub_workspace_id: WorkspaceId,
  status: MemberStatus,
  timestamp_created: z.string(),
  timestamp_updated: z.string(),
  sub_workspace_name: z.optional(z.nullable(z.string())),
  admin_workspace_name: z.optional(z.nullable(z.string())),
});
export type WorkspaceGroupMember = z.infer<typeof WorkspaceGroupMember>;

/**
 * A list page's envelope. Its rows are read one by one (readMemberPage): one row the extension
 * cannot read (a status Instantly added later, a null id) must not cost the user every other.
 */
const MemberPageEnvelope = z.object({
  items: z.array(z.unknown()),
  // Absent or null: the last page (docs/instantly-api.md#pagination).
  next_starting_after: z.optional(z.nullable(z.string())),
});

/** A row of a list page that does not fit WorkspaceGroupMember, with what could be read of it. */
export interface UnreadableRow {
  membershipId?: string;
  workspaceId?: string;
  name?: string;
  /** What is wrong, in words: `status “invited”`, `no workspace id`. */
  problem: string;
}

export interface MemberPage {
  items: WorkspaceGroupMember[];
  unreadable: UnreadableRow[];
  next_starting_after?: string;
  /**
   * Every row in the page's order, with its identity (its id, or the row itself when it has
   * none), so a listing can tell rows it has seen already.
   */
  rows: { key: string; row: WorkspaceGroupMember | UnreadableRow }[];
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

function problemOf(row: Record<string, unknown>, field: PropertyKey | undefined): string {
  if (field === 'status') return typeof row.status === 'string' ? `status “${row.status.slice(0, 40)}”` : 'no status';
  if (field === 'sub_workspace_id') return 'no workspace id';
  if (field === 'id') return 'no membership id';
  return field === undefined ? 'not a membership' : `unreadable ${String(field)}`;
}

function readRow(raw: unknown): WorkspaceGroupMember | UnreadableRow {
  const parsed = WorkspaceGroupMember.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: 'not a membership' };
  const row = raw as Record<string, unknown>;
  const ok = (field: keyof typeof WorkspaceGroupMember.shape) =>
    WorkspaceGroupMember.shape[field].safeParse(row[field]).success;
  return {
    membershipId: ok('id') ? (row.id as string) : undefined,
    workspaceId: ok('sub_workspace_id') ? (row.sub_workspace_id as string) : undefined,
    name: text(row.sub_workspace_name),
    problem: problemOf(row, parsed.error.issues[0]?.path[0]),
  };
}

function rowKey(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  if (typeof id === 'string') return `id:${id}`;
  try {
    return `row:${JSON.stringify(raw)}`.slice(0, 2000);
  } catch {
    return 'row:?';
  }
}

/** A list page, row by row; null when the page itself is not one (no `items` list). */
export function readMemberPage(json: unknown): MemberPage | null {
  const envelope = MemberPageEnvelope.safeParse(json);
  if (!envelope.success) return null;
  const page: MemberPage = { items: [], unreadable: [], rows: [] };
  for (const raw of envelope.data.items) {
    const row = readRow(raw);
    if ('problem' in row) page.unreadable.push(row);
    else page.items.push(row);
    page.rows.push({ key: rowKey(raw), row });
  }
  if (envelope.data.next_starting_after) page.next_starting_after = envelope.data.next_starting_after;
  return page;
}

export const AdminOfCurrent = z.object({
  // The literal "Undefined" when there is no admin workspace (docs/instantly-api.md#workspace-group-member-endpoints).
  workspace_name: z.string(),
  has_admin_workspace: z.boolean(),
  workspace_group_member_id: z.optional(z.string()),
});
export type AdminOfCurrent = z.infer<typeof AdminOfCurrent>;

export const Workspace = z.object({
  id: WorkspaceId,
  name: z.string(),
  owner: z.string(),
  timestamp_created: z.string(),
  timestamp_updated: z.string(),
});
export type Workspace = z.infer<typeof Workspace>;

/** Instantly's error body (Fastify's default shape, docs/instantly-api.md#errors). */
export const ErrorBody = z.object({
  statusCode: z.optional(z.number()),
  error: z.optional(z.string()),
  message: z.optional(z.string()),
});

/**
 * countUnreadEmails and countLaunched both answer `{count}` (the document requires `count` only of
 * the second; an answer without it tells nothing, so it is refused for both).
 */
export const Count = z.object({ count: z.number() });

/**
 * An email account as the glance reads it (Account in the document): only what tells whether it
 * is in trouble. `status_message` is documented as an object; anything else is ignored.
 */
export const SendingAccount = z.object({
  email: z.string(),
  status: z.optional(z.nullable(z.number())),
  warmup_status: z.optional(z.nullable(z.number())),
  status_message: z.optional(z.unknown()),
});
export type SendingAccount = z.infer<typeof SendingAccount>;

/** A page of GET /accounts; its rows are read one by one, so one odd row never costs a workspace its figures. */
export const AccountPageEnvelope = z.object({
  items: z.array(z.unknown()),
  next_starting_after: z.optional(z.string()),
});
