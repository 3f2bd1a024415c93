// The stored-item mechanism: every stored value typed, and parsed with zod on the way out, so a
// corrupt or older value falls back instead of breaking the popup. Nothing is ever put in
// storage.sync. The items themselves are in storage.ts, their shapes in model.ts. (No WXT
// `version` yet: with no migration to run, it would only cost every page a metadata read per
// item at start-up; the first change of a stored shape adds version and migrations here.)
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { z } from 'zod/mini';

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
  return items.map((item, i) => item.parse(values[i]?.value));
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

