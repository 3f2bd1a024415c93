// Keeps the stored list of allowed sites in step with the permissions the browser granted
// (granted or revoked in the popup, the options page or the browser's own settings).
import { BUILT_IN_ORIGINS, originOf } from './host-permissions';
import { browserPermissions, type PermissionsApi } from './permissions';
import { reconcile } from './reconcile';
import { allowedSites } from './storage';

/** Origins the user granted beyond the built-in ones. */
export async function grantedOrigins(permissions: PermissionsApi = browserPermissions): Promise<string[]> {
  const { origins = [] } = await permissions.getAll();
  return origins
    .map(originOf)
    .filter((o): o is string => o !== null && !BUILT_IN_ORIGINS.includes(o))
    .sort();
}

export async function syncAllowedSites(permissions: PermissionsApi = browserPermissions): Promise<void> {
  await allowedSites.set(await grantedOrigins(permissions));
  await reconcile();
}
