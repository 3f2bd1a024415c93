// Every stored item of the extension, each with its key, schema and fallback. Nothing here is
// put in storage.sync; secrets live apart (background/worker/secrets.ts).
import { z } from 'zod/mini';
import {
  Account,
  GlanceRun,
  Glances,
  GuardedTabs,
  Group,
  GroupHead,
  headOf,
  listOf,
  Notice,
  Operation,
  Origin,
  RecentCall,
  TabChoices,
  Target,
  UnstructuredWorkspace,
  WorkspaceLooks,
} from './model';
import { JournalledWrite } from './instantly-call';
import { accountsV2, operationsV2 } from './migrations';
import { storedItem, writeAll, type StoredItem } from './stored-item';
import { favouriteIds } from './workspace-looks';

// Every item has a version (default 1: the layout before versions) and the migrations that
// bring an older value to it; lists are read element by element (listOf, recordOf), so one bad
// element costs only itself. Raise an item's version with every change of its shape.

/**
 * The connected Instantly workspaces, in the order they were connected (their keys: secrets.ts).
 * v2: a list (v1 held the one workspace of the single-key layout; the item keeps its storage key
 * so that a value never has to move between keys: accountsV2).
 */
export const accounts = storedItem('local:account', listOf(Account), [], { version: 2, migrations: { 2: accountsV2 } });
const EMPTY_GROUP: Group = { members: [], syncedAt: null };
const fullGroup = storedItem('local:group', Group, EMPTY_GROUP, { version: 1, cache: true });

export const groupHead = storedItem('local:groupHead', GroupHead, headOf(EMPTY_GROUP), { version: 1 });

/** Labels, badge colours and favourites, by workspace id in lower case (shared/workspace-looks.ts). */
export const workspaceLooks = storedItem('local:workspaceLooks', WorkspaceLooks, {}, { version: 1 });

/**
 * The group; every write also writes its head, in the same storage call (both or neither), with
 * the favourites first as the popup lists them.
 */
export const group: StoredItem<Group> = {
  ...fullGroup,
  set: async (value) => {
    const favourites = favouriteIds(await workspaceLooks.get());
    await writeAll([
      { item: fullGroup, value },
      { item: groupHead, value: headOf(value, favourites) },
    ]);
    fullGroup.remember(value);
  },
  remove: async () => {
    await Promise.all([fullGroup.remove(), groupHead.remove()]);
  },
};
export const actingAs = storedItem('local:actingAs', z.nullable(Target), null, { version: 1 });
export const tabActing = storedItem('session:tabActing', TabChoices, {}, { version: 1 });
/**
 * Tabs the extension reached through activeTab alone, by tab id, with the origin it was granted
 * for: no header goes from them (lib/background/capabilities/active-tab-guard.ts).
 */
export const guardedTabs = storedItem('session:guardedTabs', GuardedTabs, {}, { version: 1 });
/** Tabs whose badge was painted for their own choice, to be reset when that choice goes. */
export const paintedTabs = storedItem('session:paintedTabs', listOf(z.string()), [], { version: 1 });
/** Something the user should know that happened while they were not looking. */
export const notices = storedItem('local:notices', listOf(Notice), [], { version: 1 });
export const unstructuredWorkspaces = storedItem('local:unstructuredWorkspaces', listOf(UnstructuredWorkspace), [], {
  version: 1,
});
/** The id of the Unstructured workspace whose key is in use, or null. */
export const unstructuredInUse = storedItem('local:unstructuredInUse', z.nullable(z.string()), null, { version: 1 });

/** Origins the user allowed beyond Instantly's own (kept in step with the granted permissions). */
export const allowedSites = storedItem('local:allowedSites', listOf(Origin), [], { version: 1 });
/** Of those, the sites whose requests may also carry the Unstructured key (each opted in by the user). */
export const unstructuredSites = storedItem('local:unstructuredSites', listOf(Origin), [], { version: 1 });

/**
 * The worker's last start-up failed (it keeps trying): the popup says so until one succeeds.
 * A sentence for the console's kind of reader, already free of secrets (worker/start-up-gate.ts describe).
 */
export const startUpProblem = storedItem(
  'session:startUpProblem',
  z.nullable(z.object({ message: z.string(), at: z.number(), failures: z.number() })),
  null,
  { version: 1 },
);

/** v2: entries have a `state` (sending or unknown). */
export const operations = storedItem('local:operations', listOf(Operation), [], {
  version: 2,
  migrations: { 2: operationsV2 },
});

/** The console's writes to Instantly, journalled before they are sent (background/capabilities/instantly-call.ts). */
export const consoleWrites = storedItem('local:consoleWrites', listOf(JournalledWrite), [], { version: 1 });

/** The pages' latest calls to the API hosts, newest first (session only: gone with the browser). */
export const recentCalls = storedItem('session:recentCalls', listOf(RecentCall), [], { version: 1 });
/** When the user last dismissed the notice about calls relayed by a site's server. */
export const relayNoticeSeen = storedItem('session:relayNoticeSeen', z.number(), 0, { version: 1 });

/** Unread replies, launched campaigns and accounts in trouble, by accepted sub workspace id. */
export const glances = storedItem('local:glances', Glances, {}, { version: 1 });
/** The glance's progress (small, written often while it runs). */
export const glanceRun = storedItem('local:glanceRun', z.nullable(GlanceRun), null, { version: 1 });
/** The popup's "Needs attention first" preference. */
export const attentionFirst = storedItem('local:attentionFirst', z.boolean(), false, { version: 1 });

/** Every item, for start-up's migration and for tests that check each one. */
export const allItems: StoredItem<unknown>[] = [
  accounts,
  fullGroup,
  groupHead,
  actingAs,
  tabActing,
  guardedTabs,
  paintedTabs,
  notices,
  unstructuredWorkspaces,
  unstructuredInUse,
  allowedSites,
  unstructuredSites,
  operations,
  consoleWrites,
  startUpProblem,
  workspaceLooks,
  recentCalls,
  relayNoticeSeen,
  glances,
  glanceRun,
  attentionFirst,
] as StoredItem<unknown>[];
