import { useState } from 'react';
import { BUILT_IN_ORIGINS, patternFor } from '@/lib/common/sites/host-permissions';
import { browserPermissions } from '@/lib/common/sites/permissions';
import type { UnstructuredWorkspace } from '@/lib/common/model';
import { apiOriginsOf } from '@/lib/common/sites/unstructured-key-sites';
import { normaliseApiUrl } from '@/lib/common/sites/unstructured-url';
import { Alert } from '../Alert';
import { BusyButton } from '../BusyButton';
import { useRequest } from '../use-request';
import { KeyBlockedReasons, UnstructuredKeyOptIn, type KeyBlocked } from './UnstructuredKeyOptIn';

/** Add an Unstructured workspace (name, key, optional API URL), and delete saved ones. */
export function UnstructuredSettings({
  workspaces,
  unstructuredSites = [],
  keyBlocked = [],
}: {
  workspaces: UnstructuredWorkspace[];
  /** Origins opted in for the key. */
  unstructuredSites?: string[];
  /** Ticked origins that get no key, and why. */
  keyBlocked?: KeyBlocked[];
}) {
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [apiUrl, setApiUrl] = useState('');
  const [remember, setRemember] = useState(false);
  const request = useRequest();

  // The background also takes back the permission for an account's own API host with the last
  // workspace that used it.
  const remove = (workspace: UnstructuredWorkspace) =>
    void request.run({ type: 'deleteUnstructured', id: workspace.id });

  async function add(event: React.SubmitEvent) {
    event.preventDefault();
    const api = normaliseApiUrl(apiUrl);
    // An account's own API host needs the user's permission before the key can be checked there.
    const custom = api && !BUILT_IN_ORIGINS.includes(api.origin) ? patternFor(api.origin) : null;
    const alreadyGranted = custom ? await browserPermissions.contains({ origins: [custom] }).catch(() => false) : true;
    if (api && custom && !alreadyGranted) {
      const granted = await browserPermissions.request({ origins: [custom] }).catch(() => false);
      if (!granted) {
        request.setError(`The extension needs your permission to reach ${api.origin} to check the key.`);
        return;
      }
    }
    // Granted only for this check: the background takes it back if the add fails.
    const takeBackPermission = !!custom && !alreadyGranted;
    const added = await request.run({
      type: 'addUnstructured',
      name,
      key,
      apiUrl: apiUrl || undefined,
      remember,
      takeBackPermission,
    });
    if (added) {
      setName('');
      setKey('');
      setApiUrl('');
    }
  }

  return (
    <section className="card" aria-labelledby="unstructured-heading">
      <h2 id="unstructured-heading">Unstructured</h2>
      <p className="muted">
        Each Unstructured workspace has its own API key. The key you use is added as <code>unstructured-api-key</code>{' '}
        to requests to the Unstructured API made from its own site (platform.unstructuredapp.io, with the API docs) and
        from the sites you tick, never from other pages. Any script on a ticked site can make API calls with the key (it
        cannot read it).
      </p>
      {workspaces.length > 0 && (
        <ul role="list" aria-label="Saved Unstructured workspaces" className="plain">
          {workspaces.map((w) => (
            <li key={w.id} className="inline-form">
              <span>
                <strong>{w.name}</strong>{' '}
                <span className="muted">
                  key …{w.keyHint} · {w.apiBase}
                </span>
              </span>
              <button type="button" aria-label={`Delete ${w.name}`} onClick={() => remove(w)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {customApiOrigins(workspaces).map((origin) => (
        <div key={origin} className="inline-form">
          {/* An account's own API host is not its docs site by default: its pages get the key only if ticked. */}
          <UnstructuredKeyOptIn
            origin={origin}
            on={unstructuredSites.includes(origin)}
            onChange={(on) => void request.run({ type: 'setUnstructuredSite', origin, on })}
          />
          <KeyBlockedReasons origin={origin} keyBlocked={keyBlocked} />
        </div>
      ))}
      <form onSubmit={(event) => void add(event)} className="field">
        <label htmlFor="u-name">Unstructured workspace name</label>
        <input id="u-name" type="text" value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="u-key">Unstructured API key</label>
        <input
          id="u-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <label htmlFor="u-url">API URL (optional)</label>
        <input
          id="u-url"
          type="url"
          placeholder="https://platform.unstructuredapp.io"
          value={apiUrl}
          onChange={(e) => setApiUrl(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Remember this key on this device
        </label>
        <div>
          <BusyButton type="submit" className="primary" busy={request.busy} busyText="Checking the key…">
            Add Unstructured workspace
          </BusyButton>
        </div>
      </form>
      {request.error && <Alert message={request.error} onDismiss={() => request.setError(null)} />}
    </section>
  );
}

/** The accounts' own API origins (not the default one), whose pages may be opted in for the key. */
const customApiOrigins = (workspaces: UnstructuredWorkspace[]) =>
  apiOriginsOf(workspaces).filter((o) => !BUILT_IN_ORIGINS.includes(o));
