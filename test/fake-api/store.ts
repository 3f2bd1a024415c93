// The fake API's model: workspaces, users and their roles, API keys, group memberships (and a
// few Unstructured workspaces), with the rules Instantly documents for workspace groups
// (docs/instantly-api.md: #workspace-groups, #x-as-workspace, #scopes, #errors). Pure data and
// rules: no HTTP here (see instantly.ts, server.ts).
import {
  accountCursor,
  Glances,
  type AccountBody,
  type AccountPageBody,
  type AccountRecord,
  type GlanceRecord,
} from './glance';

export type Role = 'owner' | 'admin' | 'member';
export type MembershipStatus = 'pending' | 'accepted' | 'rejected';

export interface WorkspaceRecord {
  id: string;
  /** null to imitate a workspace whose name the API leaves out (`sub_workspace_name` is nullable). */
  name: string | null;
  /** Without a paid plan every call answers 402 (docs/instantly-api.md#paid-plan). */
  paid: boolean;
  /** User id of the owner (`owner` of Workspace is a user uuid, docs/instantly-api.md#current-workspace). */
  ownerId: string;
  planId: string | null;
  timestampCreated: string;
  timestampUpdated: string;
  /**
   * [inference] Scopes refused to every call answered as this workspace (its own keys, or an
   * admin's key under x-as-workspace), with the same 403 as a key that lacks them. Real scopes
   * belong to keys, and under x-as-workspace the admin key's scopes apply to every client alike
   * (docs/instantly-api.md#x-as-workspace); yet Instantly's kit tells callers to expect a scope
   * error from one client and carry on with the others, and the spec's one 403 description is
   * "the API key scope or workspace plan does not allow this action". This switch models that
   * per-client refusal, the way `paid` models a per-client 402. Empty for every seeded workspace.
   */
  deniedScopes: string[];
}

export interface UserRecord {
  id: string;
  email: string;
}

export interface ApiKeyRecord {
  key: string;
  workspaceId: string;
  userId: string;
  scopes: string[];
  revoked: boolean;
}

export interface MembershipRecord {
  id: string;
  adminWorkspaceId: string;
  subWorkspaceId: string;
  status: MembershipStatus;
  timestampCreated: string;
  timestampUpdated: string;
}

/** Shapes of Unstructured's workflow and job lists (docs/instantly-api.md#unstructured-list-endpoints). */
export interface UnstructuredWorkflow {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  sources: string[];
  destinations: string[];
  workflow_nodes: unknown[];
  created_at: string;
  updated_at: string | null;
  schedule: null;
  workflow_type: 'basic' | 'advanced' | 'platinum' | 'custom';
  reprocess_all: boolean;
}

export interface UnstructuredJob {
  id: string;
  workflow_id: string;
  workflow_name: string;
  status: 'SCHEDULED' | 'IN_PROGRESS' | 'COMPLETED' | 'STOPPED' | 'FAILED';
  created_at: string;
  runtime: string | null;
}

export interface UnstructuredWorkspaceRecord {
  name: string;
  key: string;
  workflows: UnstructuredWorkflow[];
  jobs: UnstructuredJob[];
}

// ---- Wire shapes (Instantly's OpenAPI document) ----

export interface WorkspaceGroupMemberBody {
  id: string;
  admin_workspace_id: string;
  sub_workspace_id: string;
  status: MembershipStatus;
  timestamp_created: string;
  timestamp_updated: string;
  sub_workspace_name: string | null;
  admin_workspace_name: string | null;
}

export interface WorkspaceBody {
  id: string;
  timestamp_created: string;
  timestamp_updated: string;
  owner: string;
  name: string;
  plan_id: string | null;
  org_client_domain: string | null;
}

export interface AdminOfCurrentBody {
  workspace_name: string;
  has_admin_workspace: boolean;
  workspace_group_member_id?: string;
}

export interface MemberPageBody {
  items: WorkspaceGroupMemberBody[];
  next_starting_after?: string;
}

/** A refusal by the API: becomes `{statusCode, error, message}` on the wire (docs/instantly-api.md#errors). */
export class ApiProblem extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

/** Scopes that let a key call each operation; any one is enough (docs/instantly-api.md#scopes). */
export const SCOPES = {
  readMembers: ['workspace_group_members:read', 'workspace_group_members:all', 'all:read', 'all:all'],
  createMember: ['workspace_group_members:create', 'workspace_group_members:all', 'all:create', 'all:all'],
  deleteMember: ['workspace_group_members:delete', 'workspace_group_members:all', 'all:delete', 'all:all'],
  // [inference] The spec names no scope for GET /workspace-group-members/admin
  // (docs/instantly-api.md#open-questions); the fake asks for the read scopes, so a client that works here works if the real one does too.
  adminOfCurrent: ['workspace_group_members:read', 'workspace_group_members:all', 'all:read', 'all:all'],
  readWorkspace: ['workspaces:read', 'workspaces:all', 'all:read', 'all:all'],
  // The glance (docs/instantly-api.md#glance-endpoints), as each operation's description lists them.
  readEmails: ['emails:read', 'emails:all', 'all:read', 'all:all'],
  readCampaigns: ['campaigns:read', 'campaigns:all', 'all:read', 'all:all'],
  readAccounts: ['accounts:read', 'accounts:all', 'all:read', 'all:all'],
} as const satisfies Record<string, readonly string[]>;

/** Who is calling: the key, and the workspace the request is answered as. */
export interface Caller {
  key: ApiKeyRecord;
  /** The workspace the key belongs to. */
  keyWorkspace: WorkspaceRecord;
  /** The key's workspace, or the accepted sub workspace named by `x-as-workspace`. */
  workspace: WorkspaceRecord;
  /** The user's role in `workspace`. */
  role: Role;
  actingAs: boolean;
}

export type IdKind = 'workspace' | 'user' | 'membership' | 'other';
const ID_KIND_CODE: Record<IdKind, string> = { workspace: '0001', user: '0002', membership: '0003', other: '0004' };

/**
 * Deterministic, RFC 4122-valid ids (version 7, variant 8) from a per-store counter, so a seeded
 * run is reproducible and ids sort in creation order like Instantly's UUIDv7 ids do.
 */
export function counterUuid(kind: IdKind, n: number): string {
  return `0198a000-${ID_KIND_CODE[kind]}-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

const ROLE_RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export const CONFLICT_ACTIVE_PARENT = 'The sub workspace already has an active parent or invitation';

export interface StoreOptions {
  /** Clock for timestamps of things created at run time (seeded data carries its own). */
  now?: () => Date;
}

export class Store {
  readonly workspaces = new Map<string, WorkspaceRecord>();
  readonly users = new Map<string, UserRecord>();
  /** workspaceId → userId → role, for every role but a workspace's owner (that is `ownerId`). */
  readonly roles = new Map<string, Map<string, Role>>();
  readonly keys = new Map<string, ApiKeyRecord>();
  /** In creation order; ids are monotonic too, which is what the list cursor relies on. */
  memberships: MembershipRecord[] = [];
  unstructured: UnstructuredWorkspaceRecord[] = [];
  /** Unread count, launched campaigns and email accounts of each workspace. */
  readonly glances = new Glances();
  private counter = 0;
  private readonly now: () => Date;

  constructor(options: StoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  /** Empties the store and restarts the id counter (so a re-seed gives the same ids). */
  reset(): void {
    this.workspaces.clear();
    this.users.clear();
    this.roles.clear();
    this.keys.clear();
    this.memberships = [];
    this.unstructured = [];
    this.glances.clear();
    this.counter = 0;
  }

  nextId(kind: IdKind): string {
    this.counter += 1;
    return counterUuid(kind, this.counter);
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  // ---- Building the world (used by seed.ts and the control routes) ----

  addUser(email: string): UserRecord {
    const user = { id: this.nextId('user'), email };
    this.users.set(user.id, user);
    return user;
  }

  /** Creates a workspace whose owner is `ownerId` (the owner role is recorded too). */
  addWorkspace(init: {
    name: string | null;
    ownerId: string;
    paid?: boolean;
    planId?: string | null;
    createdAt?: string;
  }): WorkspaceRecord {
    const created = init.createdAt ?? this.timestamp();
    const paid = init.paid ?? true;
    const workspace: WorkspaceRecord = {
      id: this.nextId('workspace'),
      name: init.name,
      paid,
      ownerId: init.ownerId,
      planId: init.planId !== undefined ? init.planId : paid ? 'pid_hg_v1' : null,
      timestampCreated: created,
      timestampUpdated: created,
      deniedScopes: [],
    };
    // The owner's role is `ownerId` itself (see roleOf): no map per workspace, which is what
    // lets a seed of 100,000 sub workspaces stay fast.
    this.workspaces.set(workspace.id, workspace);
    return workspace;
  }

  setRole(workspaceId: string, userId: string, role: Role): void {
    let byUser = this.roles.get(workspaceId);
    if (!byUser) {
      byUser = new Map();
      this.roles.set(workspaceId, byUser);
    }
    byUser.set(userId, role);
  }

  roleOf(workspaceId: string, userId: string): Role | undefined {
    const role = this.roles.get(workspaceId)?.get(userId);
    if (role) return role;
    return this.workspaces.get(workspaceId)?.ownerId === userId ? 'owner' : undefined;
  }

  addKey(init: {
    key: string;
    workspaceId: string;
    userId: string;
    scopes: string[];
    revoked?: boolean;
  }): ApiKeyRecord {
    const record: ApiKeyRecord = {
      key: init.key,
      workspaceId: init.workspaceId,
      userId: init.userId,
      scopes: [...init.scopes],
      revoked: init.revoked ?? false,
    };
    this.keys.set(record.key, record);
    return record;
  }

  revokeKey(key: string): boolean {
    const record = this.keys.get(key);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  /** Records a membership as-is (seeding); run-time invitations go through `invite`. */
  addMembership(init: {
    adminWorkspaceId: string;
    subWorkspaceId: string;
    status: MembershipStatus;
    createdAt?: string;
  }): MembershipRecord {
    const created = init.createdAt ?? this.timestamp();
    const membership: MembershipRecord = {
      id: this.nextId('membership'),
      adminWorkspaceId: init.adminWorkspaceId,
      subWorkspaceId: init.subWorkspaceId,
      status: init.status,
      timestampCreated: created,
      timestampUpdated: created,
    };
    this.memberships.push(membership);
    return membership;
  }

  membership(id: string): MembershipRecord | undefined {
    return this.memberships.find((m) => m.id === id);
  }

  /** Pending and accepted memberships count; a rejected one is history (docs/instantly-api.md#workspace-groups). */
  private activeAsSub(workspaceId: string): MembershipRecord | undefined {
    return this.memberships.find((m) => m.subWorkspaceId === workspaceId && m.status !== 'rejected');
  }

  private acceptedAsSub(workspaceId: string): MembershipRecord | undefined {
    return this.memberships.find((m) => m.subWorkspaceId === workspaceId && m.status === 'accepted');
  }

  /** [inference] A workspace that has invited others (pending or accepted) counts as an admin workspace. */
  private isAdmin(workspaceId: string): boolean {
    return this.memberships.some((m) => m.adminWorkspaceId === workspaceId && m.status !== 'rejected');
  }

  // ---- Authentication (docs/instantly-api.md#base-url-and-authentication, #x-as-workspace, #scopes) ----

  /**
   * Resolves the caller from `Authorization: Bearer <key>` and an optional `x-as-workspace`.
   * 401 for a missing, unknown or revoked key: one status for all three
   * (docs/instantly-api.md#base-url-and-authentication).
   */
  authenticate(authorization: string | undefined, asWorkspace: string | undefined): Caller {
    if (!authorization) throw new ApiProblem(401, 'Missing Authorization header');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const key = match?.[1] ? this.keys.get(match[1]) : undefined;
    if (!key) throw new ApiProblem(401, 'Invalid API key');
    if (key.revoked) throw new ApiProblem(401, 'The API key has been revoked');
    const keyWorkspace = this.workspaces.get(key.workspaceId);
    if (!keyWorkspace) throw new ApiProblem(401, 'Invalid API key');
    const ownRole = this.roleOf(keyWorkspace.id, key.userId) ?? 'member';
    const caller: Caller = { key, keyWorkspace, workspace: keyWorkspace, role: ownRole, actingAs: false };

    // [inference] An empty header is treated as no header (the docs: "without the header,
    // requests behave as usual", docs/instantly-api.md#x-as-workspace).
    const target = asWorkspace?.trim();
    if (!target) return caller;
    // [inference] What the real API answers for a pending, rejected or unrelated id is not
    // documented (docs/instantly-api.md#x-as-workspace, #open-questions). The fake refuses with
    // 403, naming the id, so a client that sends the header only for accepted members (as
    // Instantly's own kit does) never sees it.
    const membership = this.memberships.find(
      (m) => m.adminWorkspaceId === keyWorkspace.id && m.subWorkspaceId === target && m.status === 'accepted',
    );
    const sub = membership ? this.workspaces.get(target) : undefined;
    if (!sub) {
      throw new ApiProblem(
        403,
        `x-as-workspace ${target} is not an accepted sub workspace of this API key's workspace`,
      );
    }
    // [inference] Acting as a sub workspace gives the user's own role there if they have one,
    // else their role in the admin workspace, at most "admin": owning the admin workspace does
    // not make you the owner of the sub, so "leave" (owners only) stays with the sub's owner.
    const inSub = this.roleOf(sub.id, key.userId);
    const inherited: Role = ROLE_RANK[ownRole] >= ROLE_RANK.admin ? 'admin' : 'member';
    return { ...caller, workspace: sub, role: inSub ?? inherited, actingAs: true };
  }

  /** 403 naming the scopes, any one of which would do; the key's scopes, also under x-as-workspace (docs/instantly-api.md#scopes). */
  requireScope(caller: Caller, accepted: readonly string[]): void {
    const denied = caller.workspace.deniedScopes.some((scope) => accepted.includes(scope));
    if (!denied && accepted.some((scope) => caller.key.scopes.includes(scope))) return;
    throw new ApiProblem(403, `This API key is missing a required scope: one of ${accepted.join(', ')}`);
  }

  /** The paid plan of the workspace answered as: a lapsed client under x-as-workspace gives 402 (docs/instantly-api.md#paid-plan). */
  requirePaid(caller: Caller): void {
    if (!caller.workspace.paid) throw new ApiProblem(402, 'Workspace does not have an active paid plan');
  }

  // ---- Workspace-group operations (docs/instantly-api.md#workspace-groups) ----

  /** Members where the caller's workspace is the admin, in creation order, after the cursor. */
  listMemberships(caller: Caller, limit: number, startingAfter: string | undefined): MemberPageBody {
    // [inference] With a sub workspace's key the list is empty: it lists sub workspaces only
    // (docs/instantly-api.md#workspace-group-member-endpoints; open question 2).
    const admin = caller.workspace.id;
    // Ids grow with creation and `memberships` is in creation order, so "after the cursor" is a
    // binary search (a page of a 100,000-member group costs a page, not the group), and also
    // works when the cursor's member was removed.
    const items: WorkspaceGroupMemberBody[] = [];
    for (
      let i = startingAfter === undefined ? 0 : this.firstAfter(startingAfter);
      i < this.memberships.length && items.length < limit;
      i++
    ) {
      const m = this.memberships[i];
      if (m?.adminWorkspaceId === admin) items.push(this.memberBody(m));
    }
    const last = items.at(-1);
    // Like the real API, the last page with data still carries a cursor; the next page is empty
    // and has none (docs/instantly-api.md#pagination).
    return last ? { items, next_starting_after: last.id } : { items };
  }

  /** Index of the first membership whose id sorts after `id`. */
  private firstAfter(id: string): number {
    let low = 0;
    let high = this.memberships.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.memberships[mid]?.id ?? '') > id) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** A membership the caller's workspace is part of (either side), else 404. */
  getMembership(caller: Caller, id: string): WorkspaceGroupMemberBody {
    return this.memberBody(this.visibleMembership(caller, id));
  }

  /** Sends an invitation; the membership is pending until the sub's owner accepts (docs/instantly-api.md#workspace-groups). */
  invite(caller: Caller, subWorkspaceId: string): WorkspaceGroupMemberBody {
    const admin = caller.workspace;
    if (caller.role === 'member') {
      throw new ApiProblem(403, 'Only workspace owners and admins can invite sub workspaces');
    }
    const sub = this.workspaces.get(subWorkspaceId);
    if (!sub) throw new ApiProblem(404, 'Workspace not found');
    // [inference] Status for self-invitation is undocumented; it is a bad request, not a conflict.
    if (sub.id === admin.id) throw new ApiProblem(400, 'A workspace cannot be its own sub workspace');
    if (this.activeAsSub(sub.id)) throw new ApiProblem(409, CONFLICT_ACTIVE_PARENT);
    // "A workspace cannot be both an admin and a sub workspace" (docs/instantly-api.md#workspace-groups).
    // [inference] Both cases answer 409, the status the spec gives for hierarchy conflicts, with
    // messages of our own.
    if (this.acceptedAsSub(admin.id)) {
      throw new ApiProblem(
        409,
        'This workspace is a sub workspace of a workspace group and cannot have sub workspaces',
      );
    }
    if (this.isAdmin(sub.id)) {
      throw new ApiProblem(
        409,
        'The sub workspace is the admin workspace of a workspace group and cannot become a sub workspace',
      );
    }
    return this.memberBody(
      this.addMembership({ adminWorkspaceId: admin.id, subWorkspaceId: sub.id, status: 'pending' }),
    );
  }

  /**
   * DELETE /workspace-group-members/{id}: from the admin side it removes a sub workspace (owners
   * and admins); from the sub side it is "leave" (owners only). Both take effect at once
   * (docs/instantly-api.md#workspace-groups).
   * [inference] The sub's owner may also delete a pending membership this way (declining it).
   */
  removeMembership(caller: Caller, id: string): WorkspaceGroupMemberBody {
    const membership = this.visibleMembership(caller, id);
    if (membership.adminWorkspaceId === caller.workspace.id) {
      if (caller.role === 'member')
        throw new ApiProblem(403, 'Only workspace owners and admins can remove sub workspaces');
    } else if (caller.role !== 'owner') {
      throw new ApiProblem(403, 'Only the workspace owner can leave the workspace group');
    }
    const body = this.memberBody(membership);
    this.memberships = this.memberships.filter((m) => m !== membership);
    return body;
  }

  /** GET /workspace-group-members/admin: "Undefined" without an admin workspace (docs/instantly-api.md#workspace-group-member-endpoints). */
  adminOfCurrent(caller: Caller): AdminOfCurrentBody {
    // [inference] Only an accepted membership makes an admin workspace; a pending invitation does not.
    const membership = this.acceptedAsSub(caller.workspace.id);
    const admin = membership ? this.workspaces.get(membership.adminWorkspaceId) : undefined;
    if (!membership || !admin) return { workspace_name: 'Undefined', has_admin_workspace: false };
    return {
      workspace_name: admin.name ?? 'Undefined',
      has_admin_workspace: true,
      workspace_group_member_id: membership.id,
    };
  }

  /** GET /workspaces/current: the key's workspace, or the acted-as sub workspace (docs/instantly-api.md#current-workspace). */
  currentWorkspace(caller: Caller): WorkspaceBody {
    return this.workspaceBody(caller.workspace);
  }

  // ---- The glance (docs/instantly-api.md#glance-endpoints), of the workspace answered as ----

  glance(caller: Caller): GlanceRecord {
    return this.glances.of(caller.workspace.id);
  }

  /**
   * A page of the workspace's email accounts after the cursor (`timestamp_created&email`, or a
   * bare date-time, the legacy form the OpenAPI document says is still accepted), optionally
   * filtered by `search` (part of the email) and `status`.
   */
  listAccounts(
    caller: Caller,
    query: { limit: number; startingAfter?: string; search?: string; status?: number },
  ): AccountPageBody {
    let accounts = this.glance(caller).accounts;
    if (query.startingAfter !== undefined) {
      const [at = '', email] = query.startingAfter.split('&');
      const time = Date.parse(at);
      // [inference] The message for a cursor of neither form is a guess in ajv's wording.
      if (Number.isNaN(time))
        throw new ApiProblem(400, 'querystring/starting_after must be a timestamp_created&email cursor');
      const after = new Date(time).toISOString();
      accounts = accounts.filter((a) =>
        email === undefined
          ? a.timestamp_created > after
          : a.timestamp_created > after || (a.timestamp_created === after && a.email > email),
      );
    }
    const search = query.search?.toLowerCase();
    if (search) accounts = accounts.filter((a) => a.email.toLowerCase().includes(search));
    if (query.status !== undefined) accounts = accounts.filter((a) => a.status === query.status);
    const page = accounts.slice(0, query.limit);
    const last = page.at(-1);
    const items = page.map((a) => this.accountBody(caller.workspace.id, a));
    // Like the member list: the last page with data still carries a cursor (docs/instantly-api.md#pagination).
    return last ? { items, next_starting_after: accountCursor(last) } : { items };
  }

  accountBody(workspaceId: string, a: AccountRecord): AccountBody {
    return { ...a, organization: workspaceId, setup_pending: false, is_managed_account: false };
  }

  // ---- What only the invited side can do (driven by control routes in tests) ----

  /** The sub's owner accepts; refused if that would make a workspace both admin and sub. */
  accept(id: string): WorkspaceGroupMemberBody {
    const membership = this.pendingMembership(id);
    if (this.isAdmin(membership.subWorkspaceId)) {
      throw new ApiProblem(
        409,
        'The sub workspace is the admin workspace of a workspace group and cannot become a sub workspace',
      );
    }
    return this.settle(membership, 'accepted');
  }

  reject(id: string): WorkspaceGroupMemberBody {
    return this.settle(this.pendingMembership(id), 'rejected');
  }

  private pendingMembership(id: string): MembershipRecord {
    const membership = this.membership(id);
    if (!membership) throw new ApiProblem(404, 'Resource not found');
    if (membership.status !== 'pending') throw new ApiProblem(409, `The invitation is already ${membership.status}`);
    return membership;
  }

  private settle(membership: MembershipRecord, status: MembershipStatus): WorkspaceGroupMemberBody {
    membership.status = status;
    membership.timestampUpdated = this.timestamp();
    return this.memberBody(membership);
  }

  private visibleMembership(caller: Caller, id: string): MembershipRecord {
    const membership = this.membership(id);
    const own = caller.workspace.id;
    if (!membership || (membership.adminWorkspaceId !== own && membership.subWorkspaceId !== own)) {
      throw new ApiProblem(404, 'Resource not found');
    }
    return membership;
  }

  // ---- Wire shapes ----

  memberBody(m: MembershipRecord): WorkspaceGroupMemberBody {
    return {
      id: m.id,
      admin_workspace_id: m.adminWorkspaceId,
      sub_workspace_id: m.subWorkspaceId,
      status: m.status,
      timestamp_created: m.timestampCreated,
      timestamp_updated: m.timestampUpdated,
      sub_workspace_name: this.workspaces.get(m.subWorkspaceId)?.name ?? null,
      admin_workspace_name: this.workspaces.get(m.adminWorkspaceId)?.name ?? null,
    };
  }

  workspaceBody(w: WorkspaceRecord): WorkspaceBody {
    return {
      id: w.id,
      timestamp_created: w.timestampCreated,
      timestamp_updated: w.timestampUpdated,
      owner: w.ownerId,
      // `name` is required in Workspace; [inference] a nameless workspace reports "".
      name: w.name ?? '',
      plan_id: w.planId,
      org_client_domain: null,
    };
  }

  unstructuredByKey(key: string | undefined): UnstructuredWorkspaceRecord | undefined {
    return key ? this.unstructured.find((u) => u.key === key) : undefined;
  }

  /** Everything a test may want to assert about the server's state. */
  snapshot(): StoreSnapshot {
    return {
      workspaces: [...this.workspaces.values()].map((w) => ({
        ...this.workspaceBody(w),
        name: w.name,
        paid: w.paid,
        deniedScopes: w.deniedScopes,
        roles: { [w.ownerId]: 'owner', ...Object.fromEntries(this.roles.get(w.id) ?? []) },
      })),
      users: [...this.users.values()],
      keys: [...this.keys.values()],
      memberships: this.memberships.map((m) => this.memberBody(m)),
      unstructured: this.unstructured.map((u) => ({
        name: u.name,
        key: u.key,
        workflows: u.workflows.length,
        jobs: u.jobs.length,
      })),
    };
  }
}

export interface StoreSnapshot {
  workspaces: (Omit<WorkspaceBody, 'name'> & {
    name: string | null;
    paid: boolean;
    deniedScopes: string[];
    roles: Record<string, Role>;
  })[];
  users: UserRecord[];
  keys: ApiKeyRecord[];
  memberships: WorkspaceGroupMemberBody[];
  unstructured: { name: string; key: string; workflows: number; jobs: number }[];
}
