// Keeps the stored group current: every page of the member list, then whatever follows from
// the change (an invitation accepted, an acted-as workspace removed or gone).
import { ApiError } from '../../../providers/api-error';
import { defaultClientFactory, type ClientFactory } from '../../../providers/instantly/client';
import { exclusive } from '../../worker/queue';
import { explainInstantlyError } from '../../../providers/instantly/explain';
import { inspectKey, type Inspected } from '../../../providers/instantly/inspect-key';
import type { UnreadableRow, WorkspaceGroupMember } from '../../../providers/instantly/schemas';
import { tell } from '../notices';
import { settle } from './operations';
import { reconcile } from '../../projection/reconcile';
import { done, failed, NOT_CONNECTED, type Reply } from '../../../common/reply';
import { instantlyKey } from '../../worker/secrets';
import { accounts, actingAs, group, operations, tabActing } from '../../../common/storage';
import {
  adminIdOf,
  displayName,
  groupStatusOf,
  type Account,
  type Group,
  type Member,
  type Operation,
  type TabChoices,
  type Target,
} from '../../../common/model';
import { browser } from 'wxt/browser';
import { whenReady } from '../../worker/start-up-gate';
import { REFRESH_ALARM, SETTLE_ALARM } from '../../worker/alarms';
import { onRequest } from '../../worker/message-router';

export function toMember(item: WorkspaceGroupMember): Member {
  return {
    membershipId: item.id,
    workspaceId: item.sub_workspace_id,
    name: item.sub_workspace_name ?? null,
    status: item.status,
    addedAt: item.timestamp_created,
  };
}

/** "Acme Outbound: status “invited”": what the user can recognise the row by, and what is wrong with it. */
export const describeUnreadable = (row: UnreadableRow) =>
  `${row.name ?? row.workspaceId ?? 'one without a name or id'}: ${row.problem}`;

/** The plain notice for rows not shown ("Instantly sent 1 membership this extension cannot read; it is not shown (…)"). */
export function unreadableNotice(described: string[]): string {
  const shown = described.slice(0, 3);
  const more = described.length - shown.length;
  const list = more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
  return described.length === 1
    ? `Instantly sent 1 membership this extension cannot read; it is not shown (${list}).`
    : `Instantly sent ${described.length.toLocaleString('en-US')} memberships this extension cannot read; they are not shown (${list}).`;
}

function remedyFor(error: unknown): Group['remedy'] {
  if (!(error instanceof ApiError)) return undefined;
  if (error.kind === 'unauthorized') return 'new-key';
  return ['rate-limited', 'server', 'network', 'timeout', 'endless-list'].includes(error.kind) ? 'retry' : undefined;
}

/** A target still acted as after a sync, with its current name; null if it can no longer be. */
function stillActable(target: Target, members: Member[]): Target | null {
  const member = members.find((m) => m.workspaceId === target.workspaceId && m.status === 'accepted');
  return member ? { workspaceId: member.workspaceId, name: displayName(member) } : null;
}

/**
 * Why a target can no longer be acted as. A row Instantly sent but the extension cannot read
 * (a status it does not know) is not acted as, since the header is honoured only for accepted
 * members, but the user is not told it was removed: that is not known.
 */
function whyGone(target: Target, unreadable: UnreadableRow[]): string {
  const row = unreadable.find((r) => r.workspaceId === target.workspaceId);
  return row
    ? `Instantly now sends its membership in a form this extension cannot read (${row.problem}), so it cannot tell whether it is still an accepted sub workspace.`
    : 'it is no longer an accepted sub workspace of this group (it was removed or left).';
}

/**
 * Stops acting as workspaces that can no longer be acted as, and says so.
 * Call it inside exclusive(): it reads and writes the choices.
 */
export async function dropGoneTargets(members: Member[], unreadable: UnreadableRow[] = []) {
  const sentences: string[] = [];
  const everywhere = await actingAs.get();
  if (everywhere) {
    const kept = stillActable(everywhere, members);
    await actingAs.set(kept);
    if (!kept) sentences.push(`Stopped acting as ${everywhere.name}: ${whyGone(everywhere, unreadable)}`);
  }
  const tabs = await tabActing.get();
  const keptTabs: TabChoices = {};
  const dropped = new Map<string, Target>();
  for (const [tab, target] of Object.entries(tabs)) {
    const kept = target === null ? null : stillActable(target, members);
    if (target === null || kept) keptTabs[tab] = kept;
    else dropped.set(target.workspaceId, target);
  }
  await tabActing.set(keptTabs);
  for (const target of dropped.values())
    sentences.push(`Stopped acting as ${target.name} in a tab: ${whyGone(target, unreadable)}`);
  if (sentences.length === 0) return;
  // "Stopped acting as" is said once it is true: the rules first (reconcile takes no lock, so it
  // may run in here). Refused rules are tried again, and the caller's own reconcile reports them.
  await reconcile().catch(() => undefined);
  for (const sentence of sentences) await tell(sentence);
}

/**
 * Bumped by every local change to the member list (invite, remove). A sync that started before
 * one must not write its older list over it: it leaves the list to the next sync.
 */
let localChanges = 0;
export const noteLocalChange = () => {
  localChanges++;
};

/** One sync at a time per connected workspace (a new key for it gets a sync of its own). */
const inFlight = new Map<string, { key: string | null; run: Promise<Reply> }>();

/**
 * Refreshes every connected workspace's part of the group, each with its own key. The listings
 * run side by side; what they bring is stored in one write (each store writes the whole group,
 * so two agencies of 1,000 stored apart cost twice a group of 2,000). The first failure is the
 * answer (each one's is also stored with it, and shown).
 */
export async function syncGroup(makeClient: ClientFactory = defaultClientFactory): Promise<Reply> {
  const list = await accounts.get();
  if (list.length === 0) return failed(NOT_CONNECTED);
  const ids = list.map((a) => a.workspaceId);
  const keys = await Promise.all(ids.map((id) => instantlyKey(id).get()));
  const replies: Promise<Reply>[] = [];
  const batch: { id: string; key: string | null; settle: (reply: Promise<Reply>) => void }[] = [];
  ids.forEach((id, i) => {
    const key = keys[i] ?? null;
    const running = inFlight.get(id);
    if (running && running.key === key) {
      replies.push(running.run);
      return;
    }
    let settle: (reply: Promise<Reply>) => void = () => undefined;
    const run = new Promise<Reply>((resolve) => {
      settle = resolve;
    }).finally(() => {
      if (inFlight.get(id)?.run === run) inFlight.delete(id);
    });
    inFlight.set(id, { key, run });
    replies.push(run);
    batch.push({ id, key, settle: (reply) => settle(reply) });
  });
  if (batch.length > 0) {
    const runs = runSyncs(makeClient, batch);
    batch.forEach((entry, i) => entry.settle(runs.then((all) => all[i] ?? failed(NOT_CONNECTED))));
  }
  const answers = await Promise.all(replies);
  return answers.find((reply) => !reply.ok) ?? done;
}

/**
 * Refreshes one connected workspace's rows. Calls while one runs for the same key share it, so
 * a burst of triggers is one sync; a new key gets a sync of its own.
 */
export async function syncAccount(
  workspaceId: string,
  makeClient: ClientFactory = defaultClientFactory,
): Promise<Reply> {
  const id = workspaceId;
  const key = await instantlyKey(id).get();
  const running = inFlight.get(id);
  if (running && running.key === key) return running.run;
  const run = runSyncs(makeClient, [{ id, key }])
    .then((all) => all[0] ?? failed(NOT_CONNECTED))
    .finally(() => {
      if (inFlight.get(id)?.run === run) inFlight.delete(id);
    });
  inFlight.set(id, { key, run });
  return run;
}

export const KEY_GONE =
  'The API key was kept only until the browser closed, so it is gone. Paste it again in the settings (tick “Remember on this device” to keep it).';

const isThis = (id: string) => (a: Account) => a.workspaceId === id;

/**
 * Stores one workspace's refresh status with it, and the group's status made of all of them.
 * Call inside exclusive().
 */
async function setStatus(id: string, change: (a: Account) => Account): Promise<Account[]> {
  const list = (await accounts.get()).map((a) => (isThis(id)(a) ? change(a) : a));
  await accounts.set(list);
  return list;
}

/** One workspace's listing, fetched and not yet stored. */
interface Fetched {
  id: string;
  key: string;
  current: Account;
  /** localChanges when it began: a local change since makes its list out of date. */
  startedAt: number;
  /** Journal entries already unknown when it began. */
  unknown: Operation[];
  inspected: Inspected;
  members: Member[];
  unreadable: UnreadableRow[];
  described: string[];
}

/** What storing one listing did. */
interface Stored {
  accepted: Member[];
  newlyUnreadable: boolean;
  written: boolean;
}

/** Fetches one workspace's listing; a failure is stored with it and answered at once. */
async function fetchListing(makeClient: ClientFactory, id: string, key: string | null): Promise<Fetched | Reply> {
  const current = (await accounts.get()).find(isThis(id));
  if (!current) return failed(NOT_CONNECTED);
  if (!key) {
    await exclusive(async () => {
      const now = (await accounts.get()).find(isThis(id));
      // Still no key (none was saved meanwhile), and not already said.
      if (!(await instantlyKey(id).get()) && now && now.error !== KEY_GONE) {
        const list = await setStatus(id, (a) => ({ ...a, error: KEY_GONE, remedy: 'new-key' }));
        await group.set({ ...(await group.get()), ...statusFields(list) });
      }
    });
    return failed(KEY_GONE);
  }
  const startedAt = localChanges;
  // Only entries already unknown when this sync began: one that became unknown while it
  // fetched may have been applied after the list was read.
  const unknown = (await operations.get()).filter((op) => op.state === 'unknown');
  const client = makeClient(key);
  try {
    // Which side of a group the workspace is on can change (joined, left, removed): re-learn it.
    const found = await inspectKey(client, true);
    const members = found.members.map((item) => ({ ...toMember(item), adminId: id }));
    return {
      id,
      key,
      current,
      startedAt,
      unknown,
      inspected: found.account,
      members,
      unreadable: found.unreadable,
      described: found.unreadable.map(describeUnreadable),
    };
  } catch (error) {
    const sentence = explainInstantlyError(error, 'list');
    let count = 1;
    await exclusive(async () => {
      if ((await instantlyKey(id).get()) !== key || !(await accounts.get()).some(isThis(id))) return;
      const list = await setStatus(id, (a) => ({ ...a, error: sentence, remedy: remedyFor(error) }));
      count = list.length;
      await group.set({ ...(await group.get()), ...statusFields(list) });
    });
    return failed(count > 1 ? `${current.workspaceName}: ${sentence}` : sentence);
  }
}

const NOTHING: Stored = { accepted: [], newlyUnreadable: false, written: false };

/** Stores the listings fetched, in one write of the group. Call inside exclusive(). */
async function storeListings(fetched: Fetched[]): Promise<Stored[]> {
  const previous = await group.get();
  let members = previous.members;
  let list = await accounts.get();
  const unreadable: UnreadableRow[] = [];
  let written = false;
  const stored = [];
  for (const f of fetched) {
    // The key was replaced or forgotten meanwhile: this answer is about a workspace no longer shown.
    if ((await instantlyKey(f.id).get()) !== f.key || !list.some(isThis(f.id))) {
      stored.push(NOTHING);
      continue;
    }
    if (localChanges !== f.startedAt) {
      list = await setStatus(f.id, (a) => ({ ...a, ...f.inspected, checkedAt: Date.now() }));
      stored.push(NOTHING);
      continue;
    }
    list = await setStatus(f.id, (a) => {
      const { error: _error, remedy: _remedy, unreadable: _unreadable, ...rest } = a;
      return {
        ...rest,
        ...f.inspected,
        checkedAt: Date.now(),
        syncedAt: Date.now(),
        ...(f.described.length ? { unreadable: f.described } : {}),
      };
    });
    const now = list;
    const mine = (m: Member) => adminIdOf(m, now) === f.id;
    const wasPending = new Set(members.filter((m) => mine(m) && m.status === 'pending').map((m) => m.workspaceId));
    // Each connected workspace's rows together, in the order the workspaces were connected.
    const before = members;
    members = now.flatMap((a) => {
      const adminId = a.workspaceId;
      return adminId === f.id ? f.members : before.filter((m) => adminIdOf(m, now) === adminId);
    });
    unreadable.push(...f.unreadable);
    written = true;
    stored.push({
      accepted: f.members.filter((m) => m.status === 'accepted' && wasPending.has(m.workspaceId)),
      // Told once, not at every refresh: only when what cannot be read changed.
      newlyUnreadable:
        f.described.length > 0 &&
        f.described.join('\n') !==
          (f.current.unreadable ?? (now.length === 1 ? previous.unreadable : undefined) ?? []).join('\n'),
      written: true,
    });
  }
  if (written) {
    await group.set({ members, ...statusFields(list) });
    await dropGoneTargets(members, unreadable);
  }
  return stored;
}

/** Fetches the listings side by side, stores them together, then says what followed from them. */
async function runSyncs(makeClient: ClientFactory, runs: { id: string; key: string | null }[]): Promise<Reply[]> {
  const results = await Promise.all(runs.map((r) => fetchListing(makeClient, r.id, r.key)));
  const fetched = results.filter((r): r is Fetched => 'members' in r);
  let stored: Stored[];
  try {
    stored = fetched.length > 0 ? await exclusive(() => storeListings(fetched)) : [];
  } catch (error) {
    // A full disk (storage.local holds 10 MB without unlimitedStorage): the group and its head
    // are written in one call, so the last stored group is still whole.
    const reason = error instanceof Error ? ` (${error.message.slice(0, 120)})` : '';
    const total = fetched.reduce((n, f) => n + f.members.length + f.unreadable.length, 0);
    const sentence = `The browser would not store the refreshed group of ${total.toLocaleString('en-US')} sub workspaces${reason}, so the list shown is the last one stored.`;
    await exclusive(async () => {
      let list: Account[] = [];
      for (const f of fetched) list = await setStatus(f.id, (a) => ({ ...a, error: sentence, remedy: 'retry' }));
      await group.set({ ...(await group.get()), ...statusFields(list) });
    }).catch(() => undefined);
    return results.map((r) => ('members' in r ? failed(sentence) : r));
  }
  // Connected workspaces as they are now: an entry naming none of them is said to be uncheckable
  // by whichever sync meets it.
  const connected = new Set((await accounts.get()).map((a) => a.workspaceId));
  for (const [i, f] of fetched.entries()) {
    const { accepted, newlyUnreadable, written } = stored[i] ?? NOTHING;
    // Told outside the lock: a system notification must not hold up a switch.
    if (newlyUnreadable) await tell(unreadableNotice(f.described));
    // Settled only from a list this sync wrote: one a local change overtook may be out of date.
    // Each entry by the state of the workspace whose key sent it.
    const ours = f.unknown.filter(
      (op) => op.accountId === undefined || op.accountId === f.id || !connected.has(op.accountId),
    );
    if (written && ours.length > 0)
      for (const sentence of await settle(ours, { account: f.inspected, members: f.members, unreadable: f.unreadable }))
        await tell(sentence);
    if (accepted.length === 1 && accepted[0])
      await tell(`${displayName(accepted[0])} accepted your invitation: you can now act as it.`, { notify: true });
    if (accepted.length > 1)
      await tell(
        `${accepted.length} invitations were accepted (${accepted.map(displayName).join(', ')}): you can now act as them.`,
        { notify: true },
      );
  }
  if (fetched.length > 0) await reconcile();
  return results.map((r) => ('members' in r ? done : r));
}

/** The group's status fields from every workspace's own, with the ones no longer true cleared. */
function statusFields(list: Account[]): Pick<Group, 'syncedAt' | 'error' | 'remedy' | 'unreadable'> {
  return { error: undefined, remedy: undefined, unreadable: undefined, ...groupStatusOf(list) };
}

export function setUpGroupSync(): void {
  onRequest('refresh', () => syncGroup());
  browser.runtime.onInstalled.addListener(() => whenReady('sync after install', () => syncGroup()));
  browser.runtime.onStartup.addListener(() => whenReady('sync at browser start', () => syncGroup()));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM || alarm.name === SETTLE_ALARM) whenReady('background refresh', () => syncGroup());
  });
}
