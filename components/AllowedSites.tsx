import { useState } from 'react';
import { patternFor } from '@/lib/host-permissions';
import { browserPermissions } from '@/lib/permissions';
import { Alert } from './Alert';

/** Sites beyond Instantly's own whose requests may carry the header; each can be revoked. */
export function AllowedSites({ sites }: { sites: string[] }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Allowed sites</h2>
      <p className="muted">
        Requests from app.instantly.ai and developer.instantly.ai always go out as the workspace you chose. Other sites are
        added with “Allow on this site” in the popup.
      </p>
      {sites.length === 0 ? (
        <p>No other sites.</p>
      ) : (
        <ul role="list" aria-label="Allowed sites" className="plain">
          {sites.map((origin) => (
            <li key={origin} className="inline-form">
              <span>{origin}</span>
              <button
                type="button"
                aria-label={`Revoke ${origin}`}
                onClick={async () => {
                  setError(null);
                  const removed = await browserPermissions.remove({ origins: [patternFor(origin)] }).catch(() => false);
                  if (!removed) setError(`${origin} could not be revoked: it was granted when the extension was installed.`);
                }}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <Alert message={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
