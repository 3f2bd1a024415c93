// Keeps the stored list of allowed sites in step with the permissions the browser granted
// (granted or revoked in the popup, the options page or the browser's own settings).
import { exclusive } from '../worker/queue';
import { BUILT_IN_ORIGINS, originOf } from '../../common/sites/host-permissions';
import { browserPermissions, type PermissionsApi } from '../../common/sites/permissions';
import { normaliseApiUrl } from '../../common/sites/unstructured-url';
import { reconcile } from '../projection/reconcile';
import { done, failed, type Reply } from '../../common/reply';
import { apiOriginsOf, keyMayGoFrom, mayOptIn } from '../../common/sites/unstructured-key-sites';
import { allowedSites, unstructuredSites, unstructuredWorkspaces } from '../../common/storage';
import { browser } from 'wxt/browser';
import { whenReady } from '../worker/start-up-gate';
import { onRequest } from '../worker/message-router';

/**
 * Origins the user granted for pages beyond the built-in ones. An Unstructured account's own
 * API origin is granted so the extension can reach it, not as a page: it is left out.
 */
export async function grantedOrigins(permissions: PermissionsApi = browserPermissions): Promise<string[]> {
  const [{ origins = [] }, workspaces] = await Promise.all([permissions.getAll(), unstructuredWorkspaces.get()]);
  // normaliseApiUrl, not new URL: one stored base that is not a URL must not stop every sync.
  const apiOrigins = new Set(workspaces.map((w) => normaliseApiUrl(w.apiBase)?.origin));
  return origins
    .map(originOf)
    .filter((o): o is string => o !== null && !BUILT_IN_ORIGINS.includes(o) && !apiOrigins.has(o))
    .sort();
}

export async function syncAllowedSites(permissions: PermissionsApi = browserPermissions): Promise<void> {
  const sites = await grantedOrigins(permissions);
  await exclusive(async () => {
    await allowedSites.set(sites);
    // A revoked site (or a deleted account's own API host) loses its Unstructured opt-in too, so
    // granting it again does not revive it.
    const apiOrigins = apiOriginsOf(await unstructuredWorkspaces.get());
    await unstructuredSites.set(
      (await unstructuredSites.get()).filter((origin) => sites.includes(origin) || apiOrigins.includes(origin)),
    );
  });
  await reconcile();
}

/**
 * The Unstructured key is a credential: an allowed site gets it only when the user says so for
 * that site (allowing a site to act as an Instantly workspace does not hand it the key), and so
 * does an account's own API host (its pages are not the API's docs by default).
 */
export async function setUnstructuredSite(origin: string, on: boolean): Promise<Reply> {
  const reply = await exclusive(async () => {
    const now = (await unstructuredSites.get()).filter((o) => o !== origin);
    if (on && !keyMayGoFrom(origin))
      return failed(
        `The Unstructured key is sent only from https:// sites (and http://localhost), not from ${origin}.`,
      );
    const may = on && mayOptIn(origin, await allowedSites.get(), apiOriginsOf(await unstructuredWorkspaces.get()));
    await unstructuredSites.set(may ? [...now, origin].sort() : now);
    return done;
  });
  await reconcile();
  return reply;
}

export function setUpAllowedSites(): void {
  onRequest('setUnstructuredSite', (r) => setUnstructuredSite(r.origin, r.on));
  browser.permissions.onAdded.addListener(() => whenReady('allowed sites', () => syncAllowedSites()));
  browser.permissions.onRemoved.addListener(() => whenReady('allowed sites', () => syncAllowedSites()));
}
