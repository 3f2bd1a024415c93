// Which tabs get no header because the extension reached their page through activeTab alone
// (capabilities/active-tab-guard.ts says when a tab is guarded; rules.ts how). Pure.
import { allowableOrigin, BUILT_IN_ORIGINS } from '../../common/sites/host-permissions';
import { apiOriginsOf } from '../../common/sites/unstructured-key-sites';
import type { GuardedTabs, UnstructuredWorkspace } from '../../common/model';

/** The exact origins the extension holds host permission for. */
export function permittedOrigins(allowedSites: string[], workspaces: UnstructuredWorkspace[]): string[] {
  return [...BUILT_IN_ORIGINS, ...allowedSites, ...apiOriginsOf(workspaces)];
}

/**
 * The origin to guard a tab on `url` for, or null when activeTab gives nothing the permissions
 * did not (an origin the extension holds host permission for, or a page that is not http(s)).
 */
export function guardOriginFor(url: string | undefined, permitted: string[]): string | null {
  const origin = allowableOrigin(url);
  return origin && !permitted.includes(origin) ? origin : null;
}

/** The guarded tabs whose origin is still not permitted ("Allow on this site" ends a guard). */
export function guardedTabIds(guards: GuardedTabs, permitted: string[]): number[] {
  return Object.entries(guards)
    .filter(([, origin]) => !permitted.includes(origin))
    .map(([tab]) => Number(tab))
    .sort((a, b) => a - b);
}
