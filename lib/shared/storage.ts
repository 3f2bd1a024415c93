// Every stored value: typed, and parsed with zod on the way out, so a corrupt or older value
// falls back instead of breaking the popup. Nothing is ever put in storage.sync. (No WXT
// `version` yet: with no migration to run, it would only cost every page a metadata read per
// item at start-up; the first change of a stored shape adds version and migrations here.)
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { z } from 'zod/mini';
import { MemberStatus, Uuid } from '../providers/instantly/schemas';

export interface StoredItem<T> {
  key: StorageItemKey;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  watch(callback: (value: T) => void): () => void;
  /** Parses a raw value the way get() does (for storage.onChanged listeners). */
  parse(raw: unknown): T;
}

/** Reads several items in one storage call per area (a page's first paint waits for these). */
export async function readAll(items: StoredItem<unknown>[]): Promise<unknown[]> {
  const values = await storage.getItems(items.map((item) => item.key));
  return values.map(({ value }, i) => items[i]!.parse(value));
}

const caches: (() => void)[] = [];
/** For tests that wipe storage behind the extension's back (as no browser does). */
export const dropStorageCaches = () => caches.forEach((drop) => drop());

/**
 * @param options.cache keep the parsed value in memory (for large values read on hot paths, like
 *   the group at every switch). Only a cache: it is filled from storage, updated by this
 *   context's own writes and dropped when storage changes, so storage stays the truth.
 */
export function storedItem<S extends z.ZodMiniType>(
  key: StorageItemKey,
  schema: S,
  fallback: z.infer<S>,
  options: { cache?: boolean } = {},
): StoredItem<z.infer<S>> {
  type T = z.infer<S>;
  const item = storage.defineItem<T | null>(key, { fallback: null });
  const parse = (raw: unknown): T => {
    if (raw === null || raw === undefined) return fallback;
    const result = schema.safeParse(raw);
    return result.success ? result.data : fallback;
  };
  let cached: Promise<T> | null = null;
  if (options.cache) {
    item.watch(() => (cached = null));
    caches.push(() => (cached = null));
  }
  return {
    key,
    parse,
    get: () => {
      if (!options.cache) return item.getValue().then(parse);
      if (!cached) {
        const reading: Promise<T> = item.getValue().then(parse);
        cached = reading;
        // A failed read is not kept: the next get tries storage again.
        reading.catch(() => cached === reading && (cached = null));
      }
      return cached;
    },
    set: async (value) => {
      await item.setValue(value);
      if (options.cache) cached = Promise.resolve(value);
    },
    remove: async () => {
      await item.removeValue();
      cached = null;
    },
    watch: (callback) => item.watch((raw) => callback(parse(raw))),
  };
}

/** A sub workspace the user acts as. */
export const Target = z.object({ workspaceId: Uuid, name: z.string() });
export type Target = z.infer<typeof Target>;

export const AccountKind = z.enum(['admin', 'sub', 'standalone']);
export type AccountKind = z.infer<typeof AccountKind>;

/** The workspace the saved Instantly key belongs to. Not a secret. */
export const Account = z.object({
  workspaceId: Uuid,
  workspaceName: z.string(),
  kind: AccountKind,
  /** For a sub workspace: its admin workspace, and the membership to delete to leave. */
  admin: z.optional(z.object({ name: z.string(), membershipId: z.optional(z.string()) })),
  remembered: z.boolean(),
  checkedAt: z.number(),
});
export type Account = z.infer<typeof Account>;

export const Member = z.object({
  membershipId: Uuid,
  workspaceId: Uuid,
  name: z.nullable(z.string()),
  status: MemberStatus,
  addedAt: z.string(),
});
export type Member = z.infer<typeof Member>;

/** The name a user knows a workspace by: its name, or its id when Instantly has none. */
export const displayName = (member: Pick<Member, 'name' | 'workspaceId'>) => member.name || member.workspaceId;

export const Group = z.object({
  members: z.array(Member),
  syncedAt: z.nullable(z.number()),
  /** The last refresh's failure, as a sentence; cleared by the next success. */
  error: z.optional(z.string()),
  /** What the user can do about it: try again, or paste a new key. */
  remedy: z.optional(z.enum(['retry', 'new-key'])),
});
export type Group = z.infer<typeof Group>;

/** A group synced this recently is not fetched again when the popup opens (Refresh always does). */
export const FRESH_FOR_MS = 60_000;

export const Notice = z.object({ id: z.string(), text: z.string(), at: z.number() });
export type Notice = z.infer<typeof Notice>;

export const account = storedItem('local:account', z.nullable(Account), null);
const EMPTY_GROUP: Group = { members: [], syncedAt: null };
const fullGroup = storedItem('local:group', Group, EMPTY_GROUP, { cache: true });

/**
 * The start of the group, so the popup's first paint needs no more than a screenful of rows
 * however large the group is (the whole list follows a moment later).
 */
export const GroupHead = z.object({
  ...Group.shape,
  total: z.number(),
  counts: z.object({ accepted: z.number(), pending: z.number(), rejected: z.number() }),
});
export type GroupHead = z.infer<typeof GroupHead>;
export const HEAD_ROWS = 12;

export function headOf(value: Group): GroupHead {
  const counts = { accepted: 0, pending: 0, rejected: 0 };
  for (const m of value.members) counts[m.status]++;
  return { ...value, members: value.members.slice(0, HEAD_ROWS), total: value.members.length, counts };
}
export const groupHead = storedItem('local:groupHead', GroupHead, headOf(EMPTY_GROUP));

/** The group; every write also writes its head. */
export const group: StoredItem<Group> = {
  ...fullGroup,
  set: async (value) => {
    await Promise.all([fullGroup.set(value), groupHead.set(headOf(value))]);
  },
  remove: async () => {
    await Promise.all([fullGroup.remove(), groupHead.remove()]);
  },
};
export const actingAs = storedItem('local:actingAs', z.nullable(Target), null);
/**
 * Per-tab choices, by tab id: a sub workspace, or null for "the admin workspace in this tab"
 * (a tab without an entry follows the everywhere choice). Tab ids do not survive a browser
 * restart, so these live in session storage and go with it.
 */
export const TabChoices = z.record(z.string(), z.nullable(Target));
export type TabChoices = z.infer<typeof TabChoices>;
export const tabActing = storedItem('session:tabActing', TabChoices, {});
/** Tabs whose badge was painted for their own choice, to be reset when that choice goes. */
export const paintedTabs = storedItem('session:paintedTabs', z.array(z.string()), []);
/** Something the user should know that happened while they were not looking. */
export const notices = storedItem('local:notices', z.array(Notice), []);
/** An Unstructured workspace the user added: its key is a secret of its own (secrets.ts). */
export const UnstructuredWorkspace = z.object({
  id: z.string(),
  name: z.string(),
  /** The API base without /api/v1, e.g. https://platform.unstructuredapp.io. */
  apiBase: z.string(),
  /** The key's last characters, so the user can tell keys apart without it being shown. */
  keyHint: z.string(),
  remembered: z.boolean(),
  summary: z.optional(z.object({ workflows: z.number(), jobs: z.number() })),
  addedAt: z.number(),
});
export type UnstructuredWorkspace = z.infer<typeof UnstructuredWorkspace>;
export const unstructuredWorkspaces = storedItem('local:unstructuredWorkspaces', z.array(UnstructuredWorkspace), []);
/** The id of the Unstructured workspace whose key is in use, or null. */
export const unstructuredInUse = storedItem('local:unstructuredInUse', z.nullable(z.string()), null);

/** Origins the user allowed beyond Instantly's own (kept in step with the granted permissions). */
export const allowedSites = storedItem('local:allowedSites', z.array(z.string()), []);
/** Of those, the sites whose requests may also carry the Unstructured key (each opted in by the user). */
export const unstructuredSites = storedItem('local:unstructuredSites', z.array(z.string()), []);

/**
 * Invite, remove and leave, journalled before they are sent: if the worker is stopped
 * mid-way, start-up finds the entry still "running" and settles it from the server's state
 * instead of losing it or sending it again.
 */
export const Operation = z.object({
  id: z.string(),
  kind: z.enum(['invite', 'remove', 'leave']),
  workspaceId: z.optional(z.string()),
  membershipId: z.optional(z.string()),
  /** What the user calls the workspace concerned. */
  label: z.string(),
  at: z.number(),
});
export type Operation = z.infer<typeof Operation>;
export const operations = storedItem('local:operations', z.array(Operation), []);
