import { useState } from 'react';
import { patternFor } from '@/lib/common/sites/host-permissions';
import { keyMayGoFrom } from '@/lib/common/sites/unstructured-key-sites';
import { browserPermissions } from '@/lib/common/sites/permissions';
import { Alert } from '../Alert';
import { useRequest } from '../use-request';
import { KeyBlockedReasons, UnstructuredKeyOptIn, type KeyBlocked } from './UnstructuredKeyOptIn';

/**
 * Sites beyond Instantly's own whose requests may carry the workspace header; each can be
 * revoked, and, where Unstructured workspaces exist, opted in to get the Unstructured key too.
 */
export function AllowedSites({
  sites,
  unstructuredSites,
  hasUnstructured,
  keyBlocked = [],
}: {
  sites: string[];
  unstructuredSites: string[];
  hasUnstructured: boolean;
  /** Ticked sites that get no key, and why. */
  keyBlocked?: KeyBlocked[];
}) {
  const [error, setError] = useState<string | null>(null);
  const request = useRequest();
  const shownError = error ?? request.error;
  async function revoke(origin: string) {
    setError(null);
    const removed = await browserPermissions.remove({ origins: [patternFor(origin)] }).catch(() => false);
    if (!removed) setError(`${origin} could not be revoked: it was granted when the extension was installed.`);
  }
  return (
    <section className="card" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Allowed sites</h2>
      <p className="muted">
        Requests from app.instantly.ai and developer.instantly.ai always go out as the workspace you chose. Other sites
        are added with “Allow on this site” in the popup.
      </p>
      {hasUnstructured && sites.length > 0 && (
        <p className="muted">
          Ticking “Send the Unstructured key” for a site means any script running on that site, its own or one it loads,
          can make Unstructured API calls with your key (it cannot read the key). Tick only sites you trust with it.
        </p>
      )}
      {sites.length === 0 ? (
        <p>No other sites.</p>
      ) : (
        <ul role="list" aria-label="Allowed sites" className="plain">
          {sites.map((origin) => (
            <li key={origin} className="inline-form">
              <span className="grow">{origin}</span>
              {hasUnstructured && keyMayGoFrom(origin) && (
                <UnstructuredKeyOptIn
                  origin={origin}
                  on={unstructuredSites.includes(origin)}
                  onChange={(on) => void request.run({ type: 'setUnstructuredSite', origin, on })}
                />
              )}
              {hasUnstructured && !keyMayGoFrom(origin) && (
                <span className="muted">No Unstructured key over plain http</span>
              )}
              <KeyBlockedReasons origin={origin} keyBlocked={keyBlocked} />
              <button type="button" aria-label={`Revoke ${origin}`} onClick={() => void revoke(origin)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {shownError && (
        <Alert
          message={shownError}
          onDismiss={() => {
            setError(null);
            request.setError(null);
          }}
        />
      )}
    </section>
  );
}
