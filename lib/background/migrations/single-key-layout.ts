// From one Instantly key to several: a user who updates keeps their key (in the same storage
// area, so a key not remembered still goes with the browser), their Remember choice, their group
// and their journal. The parts that need the workspace's id across items are moved here, at
// start-up, before migrateStoredItems turns the one account into a list (accountsV2). Safe to
// run again after a stop half-way: each step sees what is left to do.
import { browser } from 'wxt/browser';
import { Account } from '../../common/model';
import { accounts, group, groupHead, operations } from '../../common/storage';
import { storedVersion } from '../../common/stored-item';
import { INSTANTLY, SINGLE_INSTANTLY_KEY } from '../worker/secrets';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const bare = (key: string) => key.replace(/^local:/, '');

/** Tags rows (members, journal entries) that name no workspace with the one that was connected. */
function tagged(list: unknown, field: string, id: string): unknown {
  if (!Array.isArray(list)) return list;
  return (list as unknown[]).map((item) =>
    isRecord(item) && item[field] === undefined ? { ...item, [field]: id } : item,
  );
}

export async function moveSingleKeyLayout(): Promise<void> {
  const local = browser.storage.local;
  const values = await local.get([
    bare(accounts.key),
    bare(accounts.metaKey),
    bare(group.key),
    bare(groupHead.key),
    bare(operations.key),
  ]);
  if (storedVersion(values[bare(accounts.metaKey)]) >= 2) return;
  const old = Account.safeParse(values[bare(accounts.key)]);
  if (!old.success) return;
  const id = old.data.workspaceId;
  // The key stays in the area it was in: session unless the user chose to remember it.
  for (const area of [browser.storage.session, local]) {
    const single = bare(SINGLE_INSTANTLY_KEY);
    const key = (await area.get(single))[single];
    if (typeof key !== 'string') continue;
    await area.set({ [`secret:${INSTANTLY}${id}`]: key });
    await area.remove(single);
  }
  const writes: Record<string, unknown> = {};
  for (const item of [group, groupHead]) {
    const raw = values[bare(item.key)];
    if (isRecord(raw) && Array.isArray(raw.members))
      writes[bare(item.key)] = { ...raw, members: tagged(raw.members, 'adminId', id) };
  }
  const ops = values[bare(operations.key)];
  if (Array.isArray(ops)) writes[bare(operations.key)] = tagged(ops, 'accountId', old.data.workspaceId);
  if (Object.keys(writes).length > 0) await local.set(writes);
}
