// API keys. A key lives in storage.session (gone when the browser closes) unless the user chose
// "Remember on this device" (storage.local). Never storage.sync, never logged, never in a page:
// only the background reads these.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

export interface Secret {
  get(): Promise<string | null>;
  /** Throws KeyNotStored when the browser refuses the write; the key already stored then stays. */
  set(value: string, remember: boolean): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The browser refused to store a key (quota, a damaged profile): nothing was deleted, so the key
 * stored before, if any, is still where it was.
 */
export class KeyNotStored extends Error {
  override name = 'KeyNotStored';
  constructor(
    readonly remember: boolean,
    cause?: unknown,
  ) {
    super(`the browser refused to store the key in ${remember ? 'storage.local' : 'storage.session'}`, { cause });
  }
}

/** Stores a key; false (and the key stored before left as it was) when the browser refused. */
export async function stored(where: Secret, value: string, remember: boolean): Promise<boolean> {
  try {
    await where.set(value, remember);
    return true;
  } catch (error) {
    if (error instanceof KeyNotStored) return false;
    throw error;
  }
}

export function secret(name: string): Secret {
  const session = storage.defineItem<string>(`session:secret:${name}`);
  const local = storage.defineItem<string>(`local:secret:${name}`);
  return {
    async get() {
      return (await session.getValue()) ?? (await local.getValue());
    },
    async set(value, remember) {
      // One copy only: the other area is cleared so "forget" and "don't remember" mean what they say.
      // Written, read back, and only then the other copy deleted: a refused write (a full area)
      // must leave the key where it was, not in neither area.
      const [into, from] = remember ? [local, session] : [session, local];
      try {
        await into.setValue(value);
      } catch (error) {
        throw new KeyNotStored(remember, error);
      }
      if ((await into.getValue()) !== value) throw new KeyNotStored(remember);
      await from.removeValue();
    },
    async clear() {
      await Promise.all([session.removeValue(), local.removeValue()]);
    },
  };
}

/** One key per connected Instantly workspace (by its id in lower case). */
export const INSTANTLY = 'instantly:';
export const instantlyKey = (workspaceId: string) => secret(`${INSTANTLY}${workspaceId}`);
/** Where the single-key layout kept the one key (background/migrations/single-key-layout.ts moves it). */
export const SINGLE_INSTANTLY_KEY = 'secret:instantly';
const UNSTRUCTURED = 'unstructured:';
export const unstructuredKey = (workspaceId: string) => secret(`${UNSTRUCTURED}${workspaceId}`);

/**
 * The workspace ids of every stored Unstructured key, where the browser can list storage keys
 * (storage.getKeys: Chrome 130, Firefox 143); none where it cannot.
 */
export async function storedUnstructuredKeyIds(): Promise<string[]> {
  const prefix = `secret:${UNSTRUCTURED}`;
  const ids = await Promise.all(
    [browser.storage.local, browser.storage.session].map(async (area) => {
      try {
        const keys = await (area as unknown as { getKeys(): Promise<string[]> }).getKeys();
        return keys.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
      } catch {
        return [];
      }
    }),
  );
  return [...new Set(ids.flat())];
}
