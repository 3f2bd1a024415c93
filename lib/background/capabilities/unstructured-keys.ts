// Adding, using and deleting Unstructured workspaces (one key each).
import { syncAllowedSites } from './allowed-sites';
import { exclusive } from '../worker/queue';
import { tell } from './notices';
import { reconcile } from '../projection/reconcile';
import { done, failed, type Reply } from '../../common/reply';
import { stored, storedUnstructuredKeyIds, unstructuredKey } from '../worker/secrets';
import { storage } from 'wxt/utils/storage';
import { unstructuredInUse, unstructuredWorkspaces } from '../../common/storage';
import { checkUnstructuredKey, explainUnstructuredError } from '../../providers/unstructured/client';
import { normaliseApiUrl } from '../../common/sites/unstructured-url';
import { onRequest } from '../worker/message-router';
import { BUILT_IN_ORIGINS, patternFor } from '../../common/sites/host-permissions';
import { browserPermissions, type PermissionsApi } from '../../common/sites/permissions';

export interface NewUnstructuredWorkspace {
  name: string;
  key: string;
  apiUrl?: string;
  remember: boolean;
  /** The page asked for the API host's permission for this add: a failed add takes it back. */
  takeBackPermission?: boolean;
}

const sameName = (list: { name: string }[], name: string) =>
  list.some((w) => w.name.toLowerCase() === name.toLowerCase());

export async function addUnstructured(
  input: NewUnstructuredWorkspace,
  doFetch?: typeof fetch,
  permissions: PermissionsApi = browserPermissions,
): Promise<Reply> {
  const reply = await addChecked(input, doFetch);
  const api = normaliseApiUrl(input.apiUrl);
  // Granted only for this add, which failed: taken back here, not by the page, which may be closed
  // by now. A host granted stays an allowed site (for x-as-workspace) unless a workspace uses it.
  if (!reply.ok && input.takeBackPermission && api && !BUILT_IN_ORIGINS.includes(api.origin)) {
    const used = (await unstructuredWorkspaces.get()).some((w) => normaliseApiUrl(w.apiBase)?.origin === api.origin);
    if (!used) await permissions.remove({ origins: [patternFor(api.origin)] }).catch(() => false);
  }
  return reply;
}

async function addChecked(input: NewUnstructuredWorkspace, doFetch?: typeof fetch): Promise<Reply> {
  const name = input.name.trim();
  const key = input.key.trim();
  if (!name) return failed('Give the workspace a name you will recognise: Unstructured’s API cannot tell its name.');
  if (!key) return failed('Paste the workspace’s Unstructured API key.');
  const api = normaliseApiUrl(input.apiUrl);
  if (!api) return failed('The API URL must be an https:// address, like https://platform.unstructuredapp.io.');
  const taken = `There is already a workspace called ${name}.`;
  if (sameName(await unstructuredWorkspaces.get(), name)) return failed(taken);
  let summary;
  try {
    summary = await checkUnstructuredKey(api.base, key, doFetch);
  } catch (error) {
    return failed(explainUnstructuredError(error, api.base));
  }
  const id = crypto.randomUUID();
  const refused = await exclusive(async () => {
    // Checked again where it is written: another add of the same name may have finished its check first.
    if (sameName(await unstructuredWorkspaces.get(), name)) return taken;
    if (!(await stored(unstructuredKey(id), key, input.remember)))
      return `The browser refused to store the key of ${name} (its storage may be full), so the workspace was not added.`;
    await unstructuredWorkspaces.set([
      ...(await unstructuredWorkspaces.get()),
      { id, name, apiBase: api.base, keyHint: key.slice(-4), remembered: input.remember, summary, addedAt: Date.now() },
    ]);
    return null;
  });
  if (refused) return failed(refused);
  // Its API host (granted for the check) is now known as an API host, not an allowed page.
  await syncAllowedSites();
  return done;
}

export async function switchUnstructured(id: string | null): Promise<Reply> {
  const reply = await exclusive(async () => {
    if (id !== null) {
      const workspace = (await unstructuredWorkspaces.get()).find((w) => w.id === id);
      if (!workspace) return failed('That Unstructured workspace was deleted.');
      if (!(await unstructuredKey(id).get()))
        return failed(
          `The key of ${workspace.name} was not remembered and is gone since the browser closed. Delete it and add it again.`,
        );
    }
    await unstructuredInUse.set(id);
    return done;
  });
  if (reply.ok) await reconcile();
  return reply;
}

export async function deleteUnstructured(id: string, permissions: PermissionsApi = browserPermissions): Promise<Reply> {
  const orphanedOrigin = await exclusive(async () => {
    const workspaces = await unstructuredWorkspaces.get();
    const deleted = workspaces.find((w) => w.id === id);
    const rest = workspaces.filter((w) => w.id !== id);
    await unstructuredKey(id).clear();
    await unstructuredWorkspaces.set(rest);
    if ((await unstructuredInUse.get()) === id) await unstructuredInUse.set(null);
    const origin = deleted && normaliseApiUrl(deleted.apiBase)?.origin;
    // The permission for an account's own API host goes with the last workspace that used it.
    return origin &&
      !BUILT_IN_ORIGINS.includes(origin) &&
      !rest.some((w) => normaliseApiUrl(w.apiBase)?.origin === origin)
      ? origin
      : null;
  });
  if (orphanedOrigin) await permissions.remove({ origins: [patternFor(orphanedOrigin)] }).catch(() => false);
  await syncAllowedSites();
  return done;
}

/** A key in use that was not remembered is gone once the browser closed: stop claiming to use it. */
export async function forgetLostUnstructuredKey(): Promise<void> {
  const workspace = await exclusive(async () => {
    const id = await unstructuredInUse.get();
    if (id === null || (await unstructuredKey(id).get())) return undefined;
    await unstructuredInUse.set(null);
    return (await unstructuredWorkspaces.get()).find((w) => w.id === id) ?? null;
  });
  if (workspace === undefined) return;
  await reconcile();
  if (workspace)
    await tell(
      `The Unstructured key of ${workspace.name} was kept only until the browser closed, so it is no longer used. Delete the workspace and add it again to use it.`,
    );
}

/**
 * Start-up: the keys of Unstructured workspaces the extension no longer knows are removed. An
 * entry that cannot be read (corrupt, or written by a version that is gone) is not shown, so
 * its key, perhaps remembered on disk, could never be deleted otherwise. The user is told which.
 */
export async function forgetOrphanedKeys(): Promise<void> {
  const [raw, known, listed] = await Promise.all([
    storage.getItem<unknown>(unstructuredWorkspaces.key),
    unstructuredWorkspaces.get(),
    storedUnstructuredKeyIds(),
  ]);
  const knownIds = new Set(known.map((w) => w.id));
  const unreadable = new Map<string, string | undefined>();
  for (const entry of Array.isArray(raw) ? raw : []) {
    const { id, name } = (typeof entry === 'object' && entry !== null ? entry : {}) as { id?: unknown; name?: unknown };
    if (typeof id === 'string' && !knownIds.has(id))
      unreadable.set(id, typeof name === 'string' && name.trim() ? name : undefined);
  }
  const orphans = [...new Set([...unreadable.keys(), ...listed.filter((id) => !knownIds.has(id))])];
  if (orphans.length === 0) return;
  await exclusive(async () => {
    await Promise.all(orphans.map((id) => unstructuredKey(id).clear()));
    const inUse = await unstructuredInUse.get();
    if (inUse !== null && !knownIds.has(inUse)) await unstructuredInUse.set(null);
  });
  await reconcile();
  for (const [id, name] of unreadable)
    await tell(
      `The Unstructured workspace ${name ?? id} could not be read (it was saved damaged or by another version), so it is not shown and its key was deleted. Add it again in the settings to use it.`,
    );
}

export function setUpUnstructured(): void {
  onRequest('addUnstructured', (r) => addUnstructured(r));
  onRequest('useUnstructured', (r) => switchUnstructured(r.id));
  onRequest('deleteUnstructured', (r) => deleteUnstructured(r.id));
}
