// Fixtures: an agency (one admin workspace and its clients' sub workspaces), a few workspaces
// outside any group, keys for every kind of caller, glance figures, and Unstructured workspaces.
// Deterministic: the same options give the same ids, names, keys, timestamps and figures.
import type { AccountRecord, AccountStatus, GlanceRecord, ProviderCode, WarmupStatus } from './glance';
import {
  counterUuid,
  type MembershipStatus,
  type Store,
  type UnstructuredJob,
  type UnstructuredWorkflow,
} from './store';

export interface SeedOptions {
  subWorkspaces: number;
  /** Every n-th sub workspace (1-based) is pending. Default 6; 0 for none. */
  pendingEvery?: number;
  /** Every n-th sub workspace is rejected (pending wins when both apply). Default 9; 0 for none. */
  rejectedEvery?: number;
  /** Put before each sub workspace's name, e.g. "Client " → "Client Acme Outbound". */
  namePrefix?: string;
  /** Every n-th sub workspace has no name (`sub_workspace_name: null`). Default 0 (never). */
  nullNameEvery?: number;
  /** Names of Unstructured workspaces to create, one key each. */
  unstructuredWorkspaces?: string[];
  /**
   * A second agency ("Agency North", its own owner key and group) with this many sub
   * workspaces (SECOND_AGENCY_NAMES, the third pending, the rest accepted). Default 0: none.
   */
  secondAgency?: number;
}

export interface SeededSub {
  id: string;
  name: string | null;
  status: MembershipStatus;
  membershipId: string;
  /** Key of the sub workspace's owner (all scopes). */
  ownerKey: string;
  /** What its glance endpoints answer until changed (docs/instantly-api.md#glance-endpoints). */
  glance: GlanceSummary;
}

export interface GlanceSummary {
  unread: number;
  launched: number;
  accounts: number;
  /** Accounts with `status < 0 || warmup_status < 0`. */
  accountsInTrouble: number;
}

export interface SeedResult {
  /** Owner of the admin workspace, scope all:all. */
  adminKey: string;
  /** A user with the admin role (not owner) in the admin workspace: may invite and remove. */
  adminColleagueKey: string;
  /** A user with the member role in the admin workspace: may not invite or remove. */
  adminMemberKey: string;
  /** Owner of the first accepted sub workspace ('' when no sub is accepted). */
  subKey: string;
  /** A member (not owner) of that same sub workspace: may not leave ('' when no sub is accepted). */
  subMemberKey: string;
  /** Owner of a paid workspace in no group. */
  loneKey: string;
  /** Owner of a workspace without a paid plan (every call: 402). */
  unpaidKey: string;
  /** Admin workspace, read scopes only (workspace_group_members:read, workspaces:read). */
  readOnlyKey: string;
  /** Admin workspace, revoked. */
  revokedKey: string;
  admin: { id: string; name: string };
  subs: SeededSub[];
  /** Paid workspaces in no group, free to be invited. */
  invitable: { id: string; name: string; ownerKey: string }[];
  unstructuredKeys: { name: string; key: string }[];
  /** The second agency, when asked for (SeedOptions.secondAgency); null otherwise. */
  secondAgency: { adminKey: string; admin: { id: string; name: string }; subs: SeededSub[] } | null;
}

const ALL = ['all:all'];
const READ_ONLY = ['workspace_group_members:read', 'workspaces:read'];

/** Client names of the kind an outbound agency has (some with characters a UI must cope with). */
export const CLIENT_NAMES = [
  'Acme Outbound',
  'Northwind Leads',
  'Blue Harbor Growth',
  'Pinecrest Dental',
  'Summit Roofing Co',
  'Brightline SaaS',
  'Copperleaf Realty',
  'Evergreen Legal',
  'Falcon Logistics',
  'Granite Peak Capital',
  'Harborview Clinics',
  'Ironclad Security',
  'Juniper Wellness',
  'Keystone Staffing',
  'Lighthouse Analytics',
  "O'Brien & Sons Plumbing",
  'Nimbus Cloud Partners',
  'Oakridge Insurance',
  'Polaris Fintech',
  'Café Lumière',
  'Redwood HR',
  'Silverline Solar',
  'Tidewater Marine',
  'Upland Coffee Roasters',
  'Vantage Point Media',
  'Willow Creek Vets',
  'Xenon Robotics',
  'Yellowstone Tours',
  'Zephyr Fitness',
  'Atlas Freight',
  'Beacon Hill Tutors',
  'Cedar & Stone Builders',
  'Driftwood Apparel',
  'Ember Kitchens',
  'Foxglove Florists',
  'Greenway Landscaping',
  'Helix Biotech',
  'Indigo Print Studio',
  'Jetstream Travel',
  'Kinetic Physio',
] as const;

const FREE_NAMES = ['Maple Street Bakery', 'Orbit Web Studio', 'Quartz Accounting'] as const;

/** The second agency's clients: names of their own, so a test can tell the two groups apart. */
export const SECOND_AGENCY_NAMES = [
  'Quill & Ink Copywriting',
  'Ridgeback Security',
  'Sable Coast Realty',
  'Tallgrass Events',
  'Umber Studio',
] as const;
export const SECOND_AGENCY = 'Agency North';

/** Seeded things were created over the weeks before this date, 6 hours apart. */
const SEED_EPOCH = Date.parse('2026-01-05T09:00:00.000Z');
const at = (step: number) => new Date(SEED_EPOCH + step * 6 * 3_600_000).toISOString();

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

const slugs = new Map<string, string>();
/** slug() of the few names a big seed repeats, computed once each (a 100,000 seed calls it per sub). */
function cachedSlug(name: string): string {
  let known = slugs.get(name);
  if (known === undefined) {
    known = slug(name);
    slugs.set(name, known);
  }
  return known;
}

/** Unique realistic names: the list, then the list again with " 2", " 3"… */
function clientName(index: number): string {
  const base = CLIENT_NAMES[index % CLIENT_NAMES.length] ?? 'Client';
  const round = Math.floor(index / CLIENT_NAMES.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

/** slug(prefix + clientName(index)), without normalising a new string per sub. */
function clientSlug(prefix: string, index: number): string {
  const base = cachedSlug(`${prefix}${CLIENT_NAMES[index % CLIENT_NAMES.length] ?? 'Client'}`);
  const round = Math.floor(index / CLIENT_NAMES.length);
  return round === 0 ? base : `${base}-${round + 1}`;
}

function statusFor(n: number, pendingEvery: number, rejectedEvery: number): MembershipStatus {
  if (pendingEvery > 0 && n % pendingEvery === 0) return 'pending';
  if (rejectedEvery > 0 && n % rejectedEvery === 0) return 'rejected';
  return 'accepted';
}

/** Replaces the store's contents with an agency and its clients. */
export function seedAgency(store: Store, options: SeedOptions): SeedResult {
  const {
    subWorkspaces,
    pendingEvery = 6,
    rejectedEvery = 9,
    namePrefix = '',
    nullNameEvery = 0,
    unstructuredWorkspaces = [],
    secondAgency: northSubs = 0,
  } = options;
  store.reset();
  // Which seeded workspace is which, for the glance figures computed when first asked (glance.ts).
  const glanceIndex = new Map<string, number>();
  let step = 0;
  let keyCount = 0;
  const key = (label: string) => `demo-${label}-key-${String(++keyCount).padStart(4, '0')}`;

  const workspaceWithOwner = (name: string | null, email: string, paid = true) => {
    const owner = store.addUser(email);
    const workspace = store.addWorkspace({ name, ownerId: owner.id, paid, createdAt: at(step++) });
    return { owner, workspace };
  };
  const member = (workspaceId: string, email: string, role: 'admin' | 'member', label: string, scopes = ALL) => {
    const user = store.addUser(email);
    store.setRole(workspaceId, user.id, role);
    return store.addKey({ key: key(label), workspaceId, userId: user.id, scopes }).key;
  };

  const adminName = 'Northstar Outreach Agency';
  const { owner: adminOwner, workspace: admin } = workspaceWithOwner(adminName, 'owner@northstar-agency.example');
  const adminKey = store.addKey({ key: key('admin'), workspaceId: admin.id, userId: adminOwner.id, scopes: ALL }).key;
  glanceIndex.set(admin.id, 0);
  const readOnlyKey = store.addKey({
    key: key('admin-readonly'),
    workspaceId: admin.id,
    userId: adminOwner.id,
    scopes: READ_ONLY,
  }).key;
  const revokedKey = store.addKey({
    key: key('admin-revoked'),
    workspaceId: admin.id,
    userId: adminOwner.id,
    scopes: ALL,
    revoked: true,
  }).key;
  const adminColleagueKey = member(admin.id, 'ops@northstar-agency.example', 'admin', 'admin-colleague');
  const adminMemberKey = member(admin.id, 'intern@northstar-agency.example', 'member', 'admin-member');

  const subs: SeededSub[] = [];
  let subMemberKey = '';
  for (let i = 0; i < subWorkspaces; i++) {
    const n = i + 1;
    const name = nullNameEvery > 0 && n % nullNameEvery === 0 ? null : `${namePrefix}${clientName(i)}`;
    const { owner, workspace } = workspaceWithOwner(name, `owner@${clientSlug(namePrefix, i)}.example`);
    const ownerKey = store.addKey({
      key: key(`sub${n}-owner`),
      workspaceId: workspace.id,
      userId: owner.id,
      scopes: ALL,
    }).key;
    const status = statusFor(n, pendingEvery, rejectedEvery);
    const membership = store.addMembership({
      adminWorkspaceId: admin.id,
      subWorkspaceId: workspace.id,
      status,
      createdAt: at(step++),
    });
    glanceIndex.set(workspace.id, n);
    subs.push({ id: workspace.id, name, status, membershipId: membership.id, ownerKey, glance: glanceSummary(n) });
  }
  const firstAccepted = subs.find((s) => s.status === 'accepted');
  if (firstAccepted) {
    subMemberKey = member(
      firstAccepted.id,
      `sdr@${slug(firstAccepted.name ?? 'client')}.example`,
      'member',
      'sub-member',
    );
  }

  const lone = workspaceWithOwner('Solo Growth Studio', 'owner@solo-growth.example');
  const loneKey = store.addKey({
    key: key('lone'),
    workspaceId: lone.workspace.id,
    userId: lone.owner.id,
    scopes: ALL,
  }).key;
  const unpaid = workspaceWithOwner('Lapsed Labs', 'owner@lapsed-labs.example', false);
  const unpaidKey = store.addKey({
    key: key('unpaid'),
    workspaceId: unpaid.workspace.id,
    userId: unpaid.owner.id,
    scopes: ALL,
  }).key;

  const invitable = FREE_NAMES.map((name) => {
    const { owner, workspace } = workspaceWithOwner(name, `owner@${slug(name)}.example`);
    const ownerKey = store.addKey({
      key: key('free-owner'),
      workspaceId: workspace.id,
      userId: owner.id,
      scopes: ALL,
    }).key;
    return { id: workspace.id, name, ownerKey };
  });

  // Seeded after everything above, so the first agency's ids and keys are the same with it or without.
  let secondAgency: SeedResult['secondAgency'] = null;
  if (northSubs > 0) {
    const { owner, workspace } = workspaceWithOwner(SECOND_AGENCY, 'owner@agency-north.example');
    const northKey = store.addKey({
      key: key('north-admin'),
      workspaceId: workspace.id,
      userId: owner.id,
      scopes: ALL,
    }).key;
    const northSubsSeeded: SeededSub[] = [];
    for (let i = 0; i < northSubs; i++) {
      const n = i + 1;
      const name = SECOND_AGENCY_NAMES[i % SECOND_AGENCY_NAMES.length] ?? 'North client';
      const named = i < SECOND_AGENCY_NAMES.length ? name : `${name} ${Math.floor(i / SECOND_AGENCY_NAMES.length) + 1}`;
      const sub = workspaceWithOwner(named, `owner@north-${slug(named)}.example`);
      const ownerKey = store.addKey({
        key: key(`north-sub${n}-owner`),
        workspaceId: sub.workspace.id,
        userId: sub.owner.id,
        scopes: ALL,
      }).key;
      const status: MembershipStatus = n === 3 ? 'pending' : 'accepted';
      const membership = store.addMembership({
        adminWorkspaceId: workspace.id,
        subWorkspaceId: sub.workspace.id,
        status,
        createdAt: at(step++),
      });
      glanceIndex.set(sub.workspace.id, subWorkspaces + n);
      northSubsSeeded.push({
        id: sub.workspace.id,
        name: named,
        status,
        membershipId: membership.id,
        ownerKey,
        glance: glanceSummary(subWorkspaces + n),
      });
    }
    secondAgency = { adminKey: northKey, admin: { id: workspace.id, name: SECOND_AGENCY }, subs: northSubsSeeded };
  }

  store.glances.source = (workspaceId) => {
    const n = glanceIndex.get(workspaceId);
    const workspace = store.workspaces.get(workspaceId);
    const domain = workspace ? store.users.get(workspace.ownerId)?.email.split('@')[1] : undefined;
    return n === undefined || !workspace || !domain
      ? undefined
      : seededGlance(n, domain, Date.parse(workspace.timestampCreated));
  };

  const unstructuredKeys = unstructuredWorkspaces.map((name, index) => {
    const record = {
      name,
      key: `demo-unstructured-${slug(name)}-key-${index + 1}`,
      ...unstructuredContents(name, index),
    };
    store.unstructured.push(record);
    return { name: record.name, key: record.key };
  });

  return {
    adminKey,
    adminColleagueKey,
    adminMemberKey,
    subKey: firstAccepted?.ownerKey ?? '',
    subMemberKey,
    loneKey,
    unpaidKey,
    readOnlyKey,
    revokedKey,
    admin: { id: admin.id, name: adminName },
    subs,
    invitable,
    unstructuredKeys,
    secondAgency,
  };
}

// ---- Glance figures: the n-th sub workspace (1-based; the admin workspace is 0) ----
// Spread so that a group of 25 has every case: no unread mail, no launched campaign, a paused
// account (not trouble), an account with a connection error, a banned warm-up, and both.

/** Every 4th sub from the 2nd: its first account has a connection error (status -1). */
const connectionErrorAt = (n: number) => n % 4 === 2;
/** Every 7th sub from the 3rd: its last account's warm-up is banned (warmup_status -1). */
const warmupBannedAt = (n: number) => n % 7 === 3;
const accountCountAt = (n: number) => 2 + (n % 3);

function glanceSummary(n: number): GlanceSummary {
  const accounts = accountCountAt(n);
  // The first and the last account are never the same one (there are at least two).
  const accountsInTrouble = Number(connectionErrorAt(n)) + Number(warmupBannedAt(n));
  return { unread: n % 5 === 0 ? 0 : (n * 13) % 48, launched: n % 4, accounts, accountsInTrouble };
}

const SENDERS = [
  ['Alex', 'Morgan'],
  ['Sam', 'Rivera'],
  ['Jordan', 'Lee'],
  ['Taylor', 'Brooks'],
] as const;
const PROVIDERS: ProviderCode[] = [2, 3, 1, 2];

function seededGlance(n: number, domain: string, workspaceCreated: number): GlanceRecord {
  const { unread, launched, accounts: count } = glanceSummary(n);
  const accounts: AccountRecord[] = [];
  for (let i = 0; i < count; i++) {
    const [first, last] = SENDERS[i] ?? ['Casey', 'Quinn'];
    const created = new Date(workspaceCreated + (i + 1) * 3_600_000).toISOString();
    let status: AccountStatus = i === 1 && n % 5 === 1 ? 2 : 1;
    let warmupStatus: WarmupStatus = 1;
    let statusMessage: AccountRecord['status_message'];
    if (i === 0 && connectionErrorAt(n)) {
      status = -1;
      statusMessage = {
        code: 'EAUTH',
        command: 'AUTH PLAIN',
        responseCode: 535,
        response: '535 5.7.8 Username and Password not accepted',
        e_message: 'Invalid login: 535 5.7.8 Username and Password not accepted',
      };
    }
    if (i === count - 1 && warmupBannedAt(n)) warmupStatus = -1;
    accounts.push({
      email: `${first.toLowerCase()}@${domain}`,
      first_name: first,
      last_name: last,
      status,
      warmup_status: warmupStatus,
      ...(statusMessage ? { status_message: statusMessage } : {}),
      provider_code: PROVIDERS[i] ?? 2,
      stat_warmup_score: warmupStatus < 0 ? 41 : 97 - i,
      daily_limit: 30,
      timestamp_created: created,
      timestamp_updated: created,
      timestamp_warmup_start: created,
    });
  }
  return { unread, launched, accounts };
}

const WORKFLOW_NAMES = ['Invoices to Postgres', 'Contracts to Pinecone', 'Support tickets to S3'] as const;
const JOB_STATUSES: UnstructuredJob['status'][] = ['COMPLETED', 'COMPLETED', 'IN_PROGRESS', 'FAILED'];

/** A few workflows and jobs per Unstructured workspace, shaped as the SDK models them (docs/instantly-api.md#unstructured-list-endpoints). */
function unstructuredContents(
  workspaceName: string,
  index: number,
): { workflows: UnstructuredWorkflow[]; jobs: UnstructuredJob[] } {
  // Ids from a range of their own, so they never equal an Instantly id of the same seed.
  const id = (n: number) => counterUuid('other', 0x100000 * (index + 1) + n);
  const workflows: UnstructuredWorkflow[] = WORKFLOW_NAMES.map((name, i) => ({
    id: id(i + 1),
    name: `${workspaceName}: ${name}`,
    status: i === 2 ? 'inactive' : 'active',
    sources: [id(100 + i)],
    destinations: [id(200 + i)],
    workflow_nodes: [],
    created_at: at(i),
    updated_at: i === 0 ? null : at(i + 10),
    schedule: null,
    workflow_type: 'custom',
    reprocess_all: false,
  }));
  const jobs: UnstructuredJob[] = JOB_STATUSES.map((status, i) => {
    const workflow = workflows[i % workflows.length];
    return {
      id: id(300 + i),
      workflow_id: workflow?.id ?? '',
      workflow_name: workflow?.name ?? '',
      status,
      created_at: at(20 + i),
      runtime: status === 'COMPLETED' ? `${12 + i * 7}s` : null,
    };
  });
  return { workflows, jobs };
}

/** What `npm start` shows: ~25 clients with mixed statuses and two Unstructured workspaces. */
export function seedDemo(store: Store): SeedResult {
  return seedAgency(store, {
    subWorkspaces: 25,
    pendingEvery: 6,
    rejectedEvery: 11,
    unstructuredWorkspaces: ['Production pipelines', 'Research sandbox'],
    secondAgency: 4,
  });
}
