// The single-key tests' view of the connected workspaces: one, or none.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { instantlyKey } from '@/lib/background/worker/secrets';
import type { Account } from '@/lib/common/model';
import { accounts } from '@/lib/common/storage';

/** The one connected workspace (the first, if there are several), or null. */
export const account = {
  get: async (): Promise<Account | null> => (await accounts.get())[0] ?? null,
  set: (value: Account | null) => accounts.set(value ? [value] : []),
};

/** The first connected workspace's key (null when none is connected, or its key is gone). */
export async function firstKey(): Promise<string | null> {
  const first = (await accounts.get())[0];
  return first ? instantlyKey(first.workspaceId).get() : null;
}

/**
 * Every place in every storage area that holds key material: an item under a secret's name, or
 * any item whose value contains one of `keys`. "Nothing is stored" is `[]`; firstKey() alone
 * cannot see a key kept where no account points (a stray secret, a key in another item).
 */
export async function storedKeyMaterial(...keys: string[]): Promise<string[]> {
  const areas = {
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    sync: fakeBrowser.storage.sync,
  };
  const found: string[] = [];
  for (const [area, storage] of Object.entries(areas)) {
    for (const [name, value] of Object.entries(await storage.get(null))) {
      const text = JSON.stringify(value);
      if (name.startsWith('secret:') || keys.some((key) => key && text.includes(key))) found.push(`${area}:${name}`);
    }
  }
  return found;
}
