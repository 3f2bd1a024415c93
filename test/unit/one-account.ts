// The single-key tests' view of the connected workspaces: one, or none.
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
