// The stored-item mechanism: every stored value typed, versioned, and parsed with zod on the way
// out, so a corrupt or older value never breaks the popup. Nothing is ever put in storage.sync.
// The items themselves are in storage.ts, their shapes in model.ts.
//
// Versions follow WXT's own convention (a `key$` metadata object `{ v }` beside each value; a
// value without one is version 1, the layout before versions), so the data stays readable by
// storage.defineItem's `version`/`migrations` should we move to them. We do not use those
// options themselves: defineItem runs its migration in *every* context that imports the item,
// at import time, one storage read per item. In the popup that is ten more round trips before
// the first paint, and a page writing storage next to the background, the one writer. Instead:
// - every read takes the value and its `$` in the same storage call (readAll: one call per
//   area for all the popup's items, as before) and brings an older value up to date in memory;
// - every write stores the value and its version together, in one call;
// - the background alone writes migrated values back, once, at start-up (migrateStoredItems).
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { z } from 'zod/mini';
import { TEST_BUILD } from './build-mode';

/** Turns a value of version n - 1 into version n. It may meet anything (a corrupt blob): it must not throw, and leaves what it does not know as it is. */
export type Migration = (old: unknown) => unknown;

export interface StoredItem<T> {
  key: StorageItemKey;
  /** Where the item's version is kept (WXT's metadata key). */
  metaKey: StorageItemKey;
  /** The version of the shape this code reads and writes; 1 for the layout before versions. */
  version: number;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  watch(callback: (value: T) => void): () => void;
  /**
   * Parses a raw value the way get() does: brought up from `storedVersion` (default: current)
   * by the migrations, then read leniently (lists element by element). Never throws.
   */
  parse(raw: unknown, storedVersion?: number): T;
  /** A raw value brought up to the current version, not yet parsed (what start-up writes back). */
  migrate(raw: unknown, storedVersion: number): unknown;
  /** After writeAll stored this item's value: keep it in the cache, as set() does. */
  remember(value: T): void;
}

/** The version recorded in an item's metadata; 1 when there is none (written before versions). */
export function storedVersion(meta: unknown): number {
  const v = typeof meta === 'object' && meta !== null ? (meta as { v?: unknown }).v : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

const metaKeyOf = (key: StorageItemKey) => `${key}$` as StorageItemKey;

/** The stored values of `keys`, in their order (storage.getItems answers an entry a key, typed `any`). */
async function rawValues(keys: StorageItemKey[]): Promise<unknown[]> {
  const entries = await storage.getItems(keys);
  return keys.map((_, i): unknown => entries[i]?.value);
}

/** Reads several items, with their versions, in one storage call per area (a page's first paint waits for these). */
export async function readAll(items: StoredItem<unknown>[]): Promise<unknown[]> {
  const values = await rawValues(items.flatMap((item) => [item.key, item.metaKey]));
  return items.map((item, i) => item.parse(values[2 * i], storedVersion(values[2 * i + 1])));
}

/**
 * Start-up, background only: values stored by an older version are migrated and written back
 * with their new version. One read of the versions; the values are read only when one is behind.
 * A value that does not parse is written back migrated but not parsed: what this version cannot
 * read is left for a later one rather than thrown away.
 */
export async function migrateStoredItems(items: StoredItem<unknown>[]): Promise<StoredItem<unknown>[]> {
  const candidates = items.filter((item) => item.version > 1);
  if (candidates.length === 0) return [];
  const metas = await rawValues(candidates.map((item) => item.metaKey));
  const behind = candidates
    .map((item, i) => ({ item, from: storedVersion(metas[i]) }))
    .filter(({ item, from }) => from < item.version);
  if (behind.length === 0) return [];
  const values = await rawValues(behind.map(({ item }) => item.key));
  await storage.setItems(
    behind.flatMap(({ item, from }, i) => {
      const raw = values[i];
      const meta = { key: item.metaKey, value: { v: item.version } };
      return raw === null || raw === undefined ? [meta] : [{ key: item.key, value: item.migrate(raw, from) }, meta];
    }),
  );
  return behind.map(({ item }) => item);
}

/**
 * Writes several items, with their versions, in one storage call per area: they are stored
 * together or not at all (a full disk fails the whole call), never half.
 */
export async function writeAll(writes: { item: StoredItem<unknown>; value: unknown }[]): Promise<void> {
  await storage.setItems(
    writes.flatMap(({ item, value }) => [
      { key: item.key, value },
      { key: item.metaKey, value: { v: item.version } },
    ]),
  );
}

const caches: (() => void)[] = [];
/** For tests that wipe storage behind the extension's back (as no browser does); the shipped build keeps no list (TEST_BUILD). */
export const dropStorageCaches = () => caches.forEach((drop) => drop());

export interface StoredItemOptions {
  /** The shape's version (default 1). Raise it with every change of shape, and add its migration. */
  version?: number;
  /** migrations[n] turns a version n - 1 value into version n. */
  migrations?: Record<number, Migration>;
  /**
   * Keep the parsed value in memory (for large values read on hot paths, like the group at
   * every switch). Only a cache: it is filled from storage, updated by this context's own writes
   * and dropped when storage changes, so storage stays the truth.
   */
  cache?: boolean;
}

export function storedItem<S extends z.ZodMiniType>(
  key: StorageItemKey,
  schema: S,
  fallback: z.infer<S>,
  options: StoredItemOptions = {},
): StoredItem<z.infer<S>> {
  type T = z.infer<S>;
  const version = options.version ?? 1;
  const metaKey = metaKeyOf(key);
  const migrate = (raw: unknown, from: number): unknown => {
    let value = raw;
    for (let v = from + 1; v <= version; v++) {
      const step = options.migrations?.[v];
      if (!step) continue;
      try {
        value = step(value);
      } catch {
        // A migration that cannot make sense of the value: parse what there is.
      }
    }
    return value;
  };
  const parse = (raw: unknown, from = version): T => {
    if (raw === null || raw === undefined) return fallback;
    try {
      const result = schema.safeParse(from < version ? migrate(raw, from) : raw);
      return result.success ? result.data : fallback;
    } catch {
      return fallback;
    }
  };
  const read = async (): Promise<T> => {
    const [value, meta] = await rawValues([key, metaKey]);
    return parse(value, storedVersion(meta));
  };
  let cached: Promise<T> | null = null;
  if (options.cache) {
    storage.watch(key, () => (cached = null));
    if (TEST_BUILD) caches.push(() => (cached = null));
  }
  return {
    key,
    metaKey,
    version,
    parse,
    migrate,
    get: () => {
      if (!options.cache) return read();
      if (!cached) {
        const reading = read();
        cached = reading;
        // A failed read is not kept: the next get tries storage again.
        reading.catch(() => cached === reading && (cached = null));
      }
      return cached;
    },
    set: async (value) => {
      // The value and its version in one write, so neither is ever seen without the other.
      if (value === null || value === undefined) await storage.removeItem(key);
      else
        await storage.setItems([
          { key, value },
          { key: metaKey, value: { v: version } },
        ]);
      if (options.cache) cached = Promise.resolve(value);
    },
    remember: (value) => {
      if (options.cache) cached = Promise.resolve(value);
    },
    remove: async () => {
      await storage.removeItem(key);
      cached = null;
    },
    // Values written since start-up are written by this version: no migration to run.
    watch: (callback) => storage.watch<unknown>(key, (raw) => callback(parse(raw))),
  };
}
