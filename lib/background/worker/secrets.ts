// API keys. A key lives in storage.session (gone when the browser closes) unless the user chose
// "Remember on this device" (storage.local). Never storage.sync, never logged, never in a page:
// only the background reads these.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

export interface Secret {
  get(): Promise<string | null>;
  set(value: string, remember: boolean): Promise<void>;
  clear(): Promise<void>;
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
      if (remember) await Promise.all([local.setValue(value), session.removeValue()]);
      else await Promise.all([session.setValue(value), local.removeValue()]);
    },
    async clear() {
      await Promise.all([session.removeValue(), local.removeValue()]);
    },
  };
}

/** One key per connected Instantly workspace (by its id in lower case). */
export const INSTANTLY = 'instantly:';
export const instantlyKey = (workspaceId: string) => secret(`${INSTANTLY}${workspaceId.toLowerCase()}`);
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
