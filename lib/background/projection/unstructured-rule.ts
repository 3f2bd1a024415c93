import type { RuleState } from './rules';
import { unstructuredKey } from '../worker/secrets';
import { apiOriginsOf, keyScope } from '../../common/sites/unstructured-key-sites';
import type { UnstructuredWorkspace } from '../../common/model';
import { normaliseApiUrl } from '../../common/sites/unstructured-url';

/**
 * The Unstructured key in use and which pages may have it sent: the default API's own origin
 * (its interactive docs) and the exact sites the user opted in for the key (lib/common/sites/unstructured-key-sites.ts). None
 * when the key is gone (a key that was not remembered does not outlive the browser session).
 */
export async function unstructuredRuleState([id, workspaces, allowed, optedIn]: [
  string | null,
  UnstructuredWorkspace[],
  string[],
  string[],
]): Promise<RuleState['unstructured']> {
  const workspace = workspaces.find((w) => w.id === id);
  const api = workspace && normaliseApiUrl(workspace.apiBase);
  if (!workspace || !api) return null;
  const key = await unstructuredKey(workspace.id).get();
  if (!key) return null;
  const apiOrigins = apiOriginsOf(workspaces);
  const { initiatorHosts, excludedHosts } = keyScope({
    apiOrigin: api.origin,
    allowedSites: allowed,
    optedIn,
    apiOrigins,
  });
  return { key, apiHost: api.host, initiatorHosts, excludedHosts };
}
